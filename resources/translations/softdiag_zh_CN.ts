<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about_dialog.py" line="+34"/>
        <source>About softdiag</source>
        <translation>关于 softdiag</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A softphone that explains itself: SIP registration, DNS failover, NAT mapping and audio checks, shown live and in plain words.</source>
        <translation>一个会解释自己的软电话：SIP 注册、DNS 故障切换、NAT 映射和音频检查，实时显示，用平实的话说明。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>pjsip {pjsip} · Qt {qt} · Python {python}</source>
        <translation>pjsip {pjsip} · Qt {qt} · Python {python}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>softdiag is free software under the GNU GPL, version 2 or later. It comes with no warranty. pjsip is GPL-2.0-or-later; Qt and PySide6 are used under the LGPL v3. The full licence texts are installed with the app.</source>
        <translation>softdiag 是自由软件，采用 GNU GPL 第 2 版或更高版本，不提供任何担保。pjsip 采用 GPL-2.0-or-later；Qt 和 PySide6 依 LGPL v3 使用。完整的许可证文本随应用一起安装。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For support, export a diagnostic bundle: &lt;code&gt;softdiag bundle export&lt;/code&gt; writes what softdiag saw (events, SIP messages, settings, logs) into one file, without passwords.</source>
        <translation>需要技术支持时，请导出诊断包：&lt;code&gt;softdiag bundle export&lt;/code&gt; 会把 softdiag 看到的一切（事件、SIP 消息、设置、日志）写入一个文件，不含密码。</translation>
    </message>
</context>
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../ui/account_form.py" line="+55"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>voip.example.com</source>
        <translation>voip.example.com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>user name, without @domain</source>
        <translation>用户名，不含 @域名</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>system resolver, or host[:port]</source>
        <translation>系统解析器，或 主机[:端口]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>system store; or your provider&apos;s CA (PEM file)</source>
        <translation>系统证书库；或服务商的 CA（PEM 文件）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TLS: the server&apos;s certificate is always verified, against the system&apos;s authorities and this file</source>
        <translation>TLS：始终验证服务器证书，依据系统的证书颁发机构和此文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sticky</source>
        <translation>粘滞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stay on the server that answers, whatever order DNS returns next</source>
        <translation>留在有应答的服务器上，不论 DNS 下次返回什么顺序</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Like sticky, but return to the preferred server once it is healthy</source>
        <translation>与粘滞相同，但首选服务器恢复正常后切回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First IP (MicroSIP)</source>
        <translation>首个 IP（MicroSIP）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Always the first address DNS returns, no failover: the baseline</source>
        <translation>总是使用 DNS 返回的第一个地址，不做故障切换：对照基线</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Quiet</source>
        <translation>安静</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The current server at the interval, the others four times less often; every second when something looks wrong</source>
        <translation>当前服务器按间隔探测，其他服务器间隔为其四倍；发现异常时每秒探测</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Four times a second: the quickest failover, at a load providers may rate-limit</source>
        <translation>每秒四次：故障切换最快，但负载可能被服务商限速</translation>
    </message>
    <message>
        <location line="+13"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How often the current server is probed while all is well</source>
        <translation>一切正常时探测当前服务器的间隔</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+111"/>
        <location line="+1"/>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>Domain:</source>
        <translation>域名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DNS server:</source>
        <translation>DNS 服务器：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport:</source>
        <translation>传输：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS CA file:</source>
        <translation>TLS CA 文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failover:</source>
        <translation>故障切换：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health probes:</source>
        <translation>健康探测：</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Saved in the system keychain</source>
        <translation>已保存在系统钥匙串中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No system keychain: the password is kept for this run only</source>
        <translation>没有系统钥匙串：密码仅在本次运行期间保留</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Registering…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unregister</source>
        <translation>注销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unregistering…</source>
        <translation>正在注销…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for the SIP engine</source>
        <translation>正在等待 SIP 引擎</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve the domain and register this account</source>
        <translation>解析域名并注册此账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registration in progress; click to cancel it</source>
        <translation>正在注册；点击可取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the registration from the server</source>
        <translation>从服务器上删除注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removing the registration</source>
        <translation>正在删除注册</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <location filename="../../ui/bundle_ui.py" line="+190"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export diagnostic bundle…</source>
        <translation>导出诊断包…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SIP ladder…</source>
        <translation>SIP 信令流程图…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HEP mirror…</source>
        <translation>HEP 镜像…</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Nothing has been journalled yet.</source>
        <translation>尚未记录任何内容。</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>softdiag stopped unexpectedly</source>
        <translation>softdiag 意外停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The previous run (started %1) ended without closing properly. Export what it recorded as a diagnostic bundle for support?</source>
        <translation>上次运行（开始于 %1）未正常关闭。是否将其记录的内容导出为诊断包，交给技术支持？</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <location filename="../../ui/call_panel.py" line="+270"/>
        <source>Whom to call: the lab&apos;s echo answers and sends back</source>
        <translation>呼叫谁：实验室的回声服务会应答并把声音送回</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sound devices</source>
        <translation>声音设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Talk through your devices; otherwise a 1 kHz test tone is sent</source>
        <translation>通过你的设备通话；否则发送 1 kHz 测试音</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+124"/>
        <location line="+217"/>
        <location line="+16"/>
        <source>Test call</source>
        <translation>测试呼叫</translation>
    </message>
    <message>
        <location line="-355"/>
        <source>No call</source>
        <translation>没有通话</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call</source>
        <translation>呼叫</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>TX</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RX</source>
        <translation>接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What we send, in dBFS: RMS bar, peak line, held peak</source>
        <translation>我们发送的电平（dBFS）：RMS 柱、峰值线、峰值保持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What we receive, in dBFS: RMS bar, peak line, held peak</source>
        <translation>我们接收的电平（dBFS）：RMS 柱、峰值线、峰值保持</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Received (RX)</source>
        <translation>接收（RX）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sent (TX)</source>
        <translation>发送（TX）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Call findings</source>
        <translation>通话诊断</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Levels</source>
        <translation>电平</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stream statistics</source>
        <translation>媒体流统计</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Media</source>
        <translation>媒体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SDP</source>
        <translation>SDP</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Codec</source>
        <translation>编解码器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packets</source>
        <translation>包数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discarded</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jitter</source>
        <translation>抖动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RTT (RTCP)</source>
        <translation>往返时延（RTCP）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RTP address (SDP)</source>
        <translation>RTP 地址（SDP）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RTP comes from</source>
        <translation>RTP 实际来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MOS (E-model)</source>
        <translation>MOS（E 模型）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio path</source>
        <translation>音频通路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Media transport</source>
        <translation>媒体传输</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Calling {uri}…</source>
        <translation>正在呼叫 {uri}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incoming call from {uri}</source>
        <translation>来电：{uri}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ringing: {uri}</source>
        <translation>振铃：{uri}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered: {uri}</source>
        <translation>已应答：{uri}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In call with {uri}</source>
        <translation>正在与 {uri} 通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call ended: {uri}</source>
        <translation>通话结束：{uri}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call failed: {uri}</source>
        <translation>呼叫失败：{uri}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sending the test signal ({detail})</source>
        <translation>正在发送测试信号（{detail}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices: {output} / {input}</source>
        <translation>设备：{output} / {input}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device lost: {device} — the call goes on; choose another</source>
        <translation>设备丢失：{device}——通话继续；请选择其他设备</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>nothing arrives</source>
        <translation>没有收到任何包</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>SRTP off</source>
        <translation>SRTP 未使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SRTP active</source>
        <translation>SRTP 已生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SRTP not active</source>
        <translation>SRTP 未生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SRTP unknown</source>
        <translation>SRTP 状态未知</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ICE off</source>
        <translation>ICE 未使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICE checking</source>
        <translation>ICE 检查中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICE done</source>
        <translation>ICE 已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICE failed</source>
        <translation>ICE 失败</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>test signal</source>
        <translation>测试信号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>underruns {count}</source>
        <translation>欠载 {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overruns {count}</source>
        <translation>溢出 {count}</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Answering {uri}…</source>
        <translation>正在接听 {uri}…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Enter an account first: the call registers with it</source>
        <translation>请先填写账户：测试呼叫会用它注册</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+31"/>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registering…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Calling…</source>
        <translation>正在呼叫…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Test call done: audio flowed both ways</source>
        <translation>测试呼叫完成：双向都有声音</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test call done: see the findings</source>
        <translation>测试呼叫完成：请查看诊断结果</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The test call failed: {error}</source>
        <translation>测试呼叫失败：{error}</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <location filename="../../ui/check_dialog.py" line="+120"/>
        <location line="+256"/>
        <source>softdiag — guided check</source>
        <translation>softdiag — 引导式检查</translation>
    </message>
    <message>
        <location line="-233"/>
        <source>What to check</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open profile…</source>
        <translation>打开配置文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no profile: fill in the account below</source>
        <translation>未使用配置文件：请在下方填写账户</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>from the keychain, or type it</source>
        <translation>取自钥匙串，或手动输入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the system&apos;s DNS server</source>
        <translation>系统的 DNS 服务器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not asked</source>
        <translation>未指定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a handset</source>
        <translation>手柄（话筒）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a headset</source>
        <translation>耳麦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>speakers</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transport:</source>
        <translation>传输：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DNS server:</source>
        <translation>DNS 服务器：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test call to:</source>
        <translation>测试呼叫目标：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer listens on:</source>
        <translation>客户用什么听：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Steps:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start check</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+271"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-266"/>
        <source>%v of %m steps</source>
        <translation>第 %v / %m 步</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Copy summary</source>
        <translation>复制摘要</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export bundle</source>
        <translation>导出诊断包</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The diagnostic bundle is not available in this version.</source>
        <translation>此版本不提供诊断包。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>profile: %1</source>
        <translation>配置文件：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open a check profile</source>
        <translation>打开检查配置文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check profiles (*.toml)</source>
        <translation>检查配置文件 (*.toml)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose at least one step.</source>
        <translation>请至少选择一个步骤。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>in your handset</source>
        <translation>在您的手柄（话筒）里</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in your headset</source>
        <translation>在您的耳麦里</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from your speakers</source>
        <translation>从您的扬声器里</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on %1</source>
        <translation>在 %1 上</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A test sweep just played on %1. Did you hear it %2?</source>
        <translation>刚刚在 %1 上播放了一段测试扫频音。您%2听到了吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Somewhere else</source>
        <translation>在别处听到</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Fix first %1: %2 — %3</source>
        <translation>优先修复 %1：%2 — %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+38"/>
        <location line="+16"/>
        <source>Bundle: %1</source>
        <translation>诊断包：%1</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>The check stopped: %1</source>
        <translation>检查已中止：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>softdiag guided check: %1</source>
        <translation>softdiag 引导式检查：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Fix first %1: %2</source>
        <translation>优先修复 %1：%2</translation>
    </message>
</context>
<context>
    <name>CheckSummaries</name>
    <message>
        <location filename="../../ui/check_texts.py" line="+26"/>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This computer reaches the DNS server {destination} from {local}.</source>
        <translation>本机可从 {local} 到达 DNS 服务器 {destination}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer has no route to the DNS server {destination}.</source>
        <translation>本机没有到 DNS 服务器 {destination} 的路由。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{domain} resolves to {count} servers through {nameserver}; shortest TTL {ttl} s.</source>
        <translation>通过 {nameserver} 将 {domain} 解析为 {count} 台服务器；最短 TTL {ttl} 秒。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{domain} could not be resolved through {nameserver}.</source>
        <translation>无法通过 {nameserver} 解析 {domain}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All {total} servers answer; round trip {rtt_min}–{rtt_max} ms.</source>
        <translation>全部 {total} 台服务器均有应答；往返时间 {rtt_min}–{rtt_max} 毫秒。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{up} of {total} servers answer; {down} do not.</source>
        <translation>{total} 台服务器中 {up} 台应答，{down} 台无应答。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None of the {total} servers answers.</source>
        <translation>{total} 台服务器均无应答。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registered on {server}; refreshes held: {held}.</source>
        <translation>已在 {server} 注册；保持的刷新次数：{held}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registered on {server} after failover passed over {skipped}; refreshes held: {held}.</source>
        <translation>故障切换跳过 {skipped} 后在 {server} 注册；保持的刷新次数：{held}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Registered, but the registration moved from {old} to {new}.</source>
        <translation>已注册，但注册从 {old} 转移到了 {new}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Registered on {server}, but held only {held} of {wanted} refreshes.</source>
        <translation>已在 {server} 注册，但 {wanted} 次刷新只保持了 {held} 次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server refused the account: {reason}.</source>
        <translation>服务器拒绝了该账户：{reason}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The account did not register.</source>
        <translation>账户未能注册。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No NAT: the servers see our own address {public}.</source>
        <translation>没有 NAT：服务器看到的是本机自己的地址 {public}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Behind a NAT: every server sees us as {public}, stable across refreshes.</source>
        <translation>位于 NAT 之后：每台服务器看到的都是 {public}，刷新之间保持稳定。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The public address the servers see changed during the check.</source>
        <translation>检查期间服务器看到的公网地址发生了变化。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Behind a NAT that gives every server its own public port.</source>
        <translation>位于为每台服务器分配不同公网端口的 NAT 之后。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No server reported the address it sees.</source>
        <translation>没有服务器报告它看到的地址。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not registered; the servers&apos; answers to probes see us as {public}.</source>
        <translation>未注册；服务器对探测的应答显示看到的地址为 {public}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The call connected in {setup} ms; {codec}, MOS {mos}, audio both ways.</source>
        <translation>呼叫在 {setup} 毫秒内接通；{codec}，MOS {mos}，双向有声音。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The call connected in {setup} ms, but: {problem}.</source>
        <translation>呼叫在 {setup} 毫秒内接通，但是：{problem}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The test call did not connect: {problem}.</source>
        <translation>测试呼叫未接通：{problem}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{output} and {input} work.</source>
        <translation>{output} 和 {input} 工作正常。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{output} / {input}: {problem}.</source>
        <translation>{output} / {input}：{problem}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing: {problem}.</source>
        <translation>缺少设备：{problem}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This step could not run: {error}.</source>
        <translation>此步骤无法运行：{error}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not part of this check.</source>
        <translation>不在本次检查范围内。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: DNS gave no server to try.</source>
        <translation>已跳过：DNS 没有给出可尝试的服务器。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: no server to register with.</source>
        <translation>已跳过：没有可注册的服务器。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: the account is not registered.</source>
        <translation>已跳过：账户未注册。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: no test target to call (set call in the profile).</source>
        <translation>已跳过：没有测试呼叫目标（请在配置文件中设置 call）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Skipped: no network.</source>
        <translation>已跳过：没有网络。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every step passed.</source>
        <translation>所有步骤均已通过。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It works; warnings to look at: {count}.</source>
        <translation>可以工作；需要查看的警告：{count} 个。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed steps: {count}. Fix the first things first.</source>
        <translation>失败的步骤：{count} 个。请先修复排在最前面的问题。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled before the end: the steps that ran are shown.</source>
        <translation>在结束前已取消：显示已运行的步骤。</translation>
    </message>
</context>
<context>
    <name>DeviceWizard</name>
    <message>
        <location filename="../../ui/device_wizard.py" line="+72"/>
        <source>handset</source>
        <translation>听筒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>headset</source>
        <translation>耳麦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>headphones</source>
        <translation>耳机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>speakers</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hands-free speakerphone</source>
        <translation>免提扬声电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>line level</source>
        <translation>线路电平</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>digital (HDMI, S/PDIF)</source>
        <translation>数字（HDMI、S/PDIF）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown kind</source>
        <translation>未知类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bluetooth</source>
        <translation>蓝牙</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>analog jack</source>
        <translation>模拟插孔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HDMI</source>
        <translation>HDMI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>virtual</source>
        <translation>虚拟</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>system default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MUTED</source>
        <translation>已静音</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Check your audio devices</source>
        <translation>检测你的音频设备</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location line="+59"/>
        <source>Choose your devices</source>
        <translation>选择你的设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>softdiag plays a short tone on the output and listens on the microphone. The whole check takes about ten seconds.</source>
        <translation>softdiag 会在输出设备上播放一段短音，同时用麦克风收听。整个检测大约需要十秒。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Where the other party&apos;s voice comes out (output):</source>
        <translation>对方的声音从哪里出来（输出）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where you speak into (microphone):</source>
        <translation>你对着哪里说话（麦克风）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What do you hold or wear to listen?</source>
        <translation>你用什么收听（手持或佩戴）？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Looking for audio devices…</source>
        <translation>正在查找音频设备…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The audio devices could not be listed: {0}</source>
        <translation>无法列出音频设备：{0}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No output or no microphone was found: plug one in, it will appear here.</source>
        <translation>没有找到输出设备或麦克风：插上后会在这里出现。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Limited device details on this system: {0}</source>
        <translation>此系统只能提供有限的设备信息：{0}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Plugged in: {0}</source>
        <translation>已插入：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unplugged: {0}</source>
        <translation>已拔出：{0}</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <location filename="../../ui/event_log.py" line="+128"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>EventLogPanel</name>
    <message>
        <location line="+74"/>
        <source>Filter, e.g. REGISTER or 401</source>
        <translation>筛选，例如 REGISTER 或 401</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show probes</source>
        <translation>显示探测</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the OPTIONS health probes of every server and the failover policy&apos;s periodic server reports</source>
        <translation>显示每台服务器的 OPTIONS 健康探测，以及故障切换策略定期发出的服务器报告</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Select an event to see all of it here.</source>
        <translation>选择一个事件，在此查看其全部内容。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{count} events</source>
        <translation>{count} 个事件</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <location filename="../../ui/texts.py" line="+56"/>
        <source>Not registered</source>
        <translation>未注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registering…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered</source>
        <translation>已注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registration failed</source>
        <translation>注册失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unregistering…</source>
        <translation>正在注销…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SIP engine starting…</source>
        <translation>SIP 引擎正在启动…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SIP engine running</source>
        <translation>SIP 引擎运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SIP engine stopping…</source>
        <translation>SIP 引擎正在停止…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SIP engine stopped</source>
        <translation>SIP 引擎已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SIP engine failed</source>
        <translation>SIP 引擎故障</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Registration</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finding</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Probe</source>
        <translation>探测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failover</source>
        <translation>故障切换</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{address} {transport}  prio {priority} weight {weight}  TTL {ttl} s</source>
        <translation>{address} {transport}  优先级 {priority} 权重 {weight}  TTL {ttl} 秒</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unreachable</source>
        <translation>不可达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, {ms} ms</source>
        <translation>，{ms} 毫秒</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{state}: {aor} via {server}/{transport}</source>
        <translation>{state}：{aor} 经由 {server}/{transport}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>, expires in {0} s</source>
        <translation>，{0} 秒后过期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{domain} ({transport}): {count} target(s) from {nameserver}</source>
        <translation>{domain}（{transport}）：来自 {nameserver} 的 {count} 个目标</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>nowhere</source>
        <translation>无处可去</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{policy}: {source} → {destination} ({reason})</source>
        <translation>{policy}：{source} → {destination}（{reason}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{policy}: {up} up, {down} down; registered on {server}</source>
        <translation>{policy}：{up} 台正常，{down} 台故障；注册在 {server}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{time}  sent over {transport}</source>
        <translation>{time}  经 {transport} 发出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{time}  received over {transport}</source>
        <translation>{time}  经 {transport} 收到</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+19"/>
        <location line="+30"/>
        <source>Evidence:</source>
        <translation>证据：</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>DNS answer order: {0}</source>
        <translation>DNS 应答顺序：{0}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>avoided for {seconds} s</source>
        <translation>回避 {seconds} 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(current)</source>
        <translation>（当前）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Learnt from {source}, our socket {local}</source>
        <translation>来源：{source}，我方套接字 {local}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The STUN server saw our socket {local} as {public}</source>
        <translation>STUN 服务器看到我方套接字 {local} 为 {public}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The probe&apos;s own socket was seen as {0} (another NAT mapping)</source>
        <translation>探测自身的套接字被看作 {0}（另一个 NAT 映射）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Registrar: {0}</source>
        <translation>注册服务器：{0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Public address seen by the server: {0}</source>
        <translation>服务器看到的公网地址：{0}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/bundle_ui.py" line="-329"/>
        <location line="+35"/>
        <source>Export diagnostic bundle</source>
        <translation>导出诊断包</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>The bundle holds a report, every event, the SIP messages as a pcap, the settings and the logs. Passwords and other secrets are removed.</source>
        <translation>诊断包包含一份报告、全部事件、pcap 格式的 SIP 消息、设置和日志。密码等机密信息均已删除。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Zip files (*.zip)</source>
        <translation>Zip 文件 (*.zip)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reading the journal…</source>
        <translation>正在读取运行日志…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collecting facts about this computer…</source>
        <translation>正在收集本机信息…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the events…</source>
        <translation>正在写入事件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the SIP capture…</source>
        <translation>正在写入 SIP 抓包…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking that no secret is left…</source>
        <translation>正在检查是否残留机密信息…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the zip file…</source>
        <translation>正在写入 zip 文件…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved %1 (%2 events, %3 SIP messages, %4 kB).</source>
        <translation>已保存 %1（%2 个事件，%3 条 SIP 消息，%4 kB）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The bundle could not be written: %1</source>
        <translation>无法写入诊断包：%1</translation>
    </message>
</context>
<context>
    <name>FailoverText</name>
    <message>
        <location filename="../../ui/failover_texts.py" line="+124"/>
        <source>Up</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sticky</source>
        <translation>粘滞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First IP (MicroSIP)</source>
        <translation>首个 IP（MicroSIP）</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <location filename="../../ui/finding_catalog.py" line="+12"/>
        <source>The SIP domain {domain} does not exist in DNS</source>
        <translation>SIP 域名 {domain} 在 DNS 中不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the spelling of the domain, or the DNS server: {nameserver}.</source>
        <translation>请检查域名拼写，或 DNS 服务器：{nameserver}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The DNS server {nameserver} does not answer</source>
        <translation>DNS 服务器 {nameserver} 没有应答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the DNS server address, the network, or a firewall blocking DNS.</source>
        <translation>请检查 DNS 服务器地址、网络，或是否有防火墙拦截 DNS。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The DNS server {nameserver} failed to resolve {domain}</source>
        <translation>DNS 服务器 {nameserver} 解析 {domain} 失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The DNS server has a problem with this zone; try another DNS server.</source>
        <translation>该 DNS 服务器处理此区域时出错；请换一台 DNS 服务器试试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The DNS server {nameserver} refused to resolve {domain}</source>
        <translation>DNS 服务器 {nameserver} 拒绝解析 {domain}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This DNS server does not serve this domain; use the resolver your provider gave you.</source>
        <translation>该 DNS 服务器不为此域名提供服务；请使用运营商提供的解析服务器。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{domain} has no SIP servers in DNS (no NAPTR, SRV, A or AAAA records)</source>
        <translation>{domain} 在 DNS 中没有 SIP 服务器（没有 NAPTR、SRV、A 或 AAAA 记录）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the provider for the right SIP domain or server address.</source>
        <translation>请向运营商索取正确的 SIP 域名或服务器地址。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DNS for {domain} lists servers no request can reach: {targets}</source>
        <translation>{domain} 的 DNS 列出了无法发送请求的服务器：{targets}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The zone has records with port 0, 0.0.0.0, broadcast or multicast addresses; softdiag leaves them out. Ask the provider to fix the zone.</source>
        <translation>该区域含有端口为 0、0.0.0.0、广播或组播地址的记录；softdiag 已将其排除。请联系服务商修正该区域。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server accepted the registration with an expiry of {expires}</source>
        <translation>服务器接受了注册，但有效期为 {expires}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A 2xx answer with Expires 0 removes the binding, and a value beyond 32 bits is invalid (RFC 3261 §20.19): the server will not reach this phone. Report it to the provider.</source>
        <translation>Expires 为 0 的 2xx 应答会删除绑定，超过 32 位的值无效（RFC 3261 §20.19）：服务器将无法呼叫到本话机。请向服务商报告。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A health check of {target} failed inside softdiag: {error}</source>
        <translation>对 {target} 的健康检查在 softdiag 内部出错：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probing and failover go on with the other checks. Please send a diagnostic bundle to the softdiag developers.</source>
        <translation>探测和故障切换仍在其他检查中继续。请将诊断包发送给 softdiag 开发者。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server rejected the credentials: {code} {reason}</source>
        <translation>服务器拒绝了认证信息：{code} {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the user name and password for {aor}. The server itself is working.</source>
        <translation>请检查 {aor} 的用户名和密码。服务器本身工作正常。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server does not know the account {aor}: {code} {reason}</source>
        <translation>服务器不认识账户 {aor}：{code} {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the user name and the domain. The server itself is working.</source>
        <translation>请检查用户名和域名。服务器本身工作正常。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server {server} did not answer the registration ({code} {reason})</source>
        <translation>服务器 {server} 没有应答注册请求（{code} {reason}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server may be down or a firewall drops SIP; softdiag can fail over to another server where DNS lists one.</source>
        <translation>服务器可能已宕机，或防火墙丢弃了 SIP 报文；若 DNS 列出了其他服务器，softdiag 可以切换过去。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server {server} answered the registration with an error: {code} {reason}</source>
        <translation>服务器 {server} 对注册请求返回了错误：{code} {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server has a problem; another server of the domain may work.</source>
        <translation>服务器出现问题；该域名的其他服务器或许可用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Registration failed: {code} {reason}</source>
        <translation>注册失败：{code} {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See the SIP messages in the log for details.</source>
        <translation>详情请查看日志中的 SIP 消息。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No server of {domain} answers</source>
        <translation>{domain} 的服务器都没有应答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>softdiag keeps trying with back-off and registers as soon as one server answers. Check the network, a VPN or a firewall if this lasts.</source>
        <translation>softdiag 会以退避方式持续重试，一旦有服务器应答就立即注册。如果情况持续，请检查网络、VPN 或防火墙。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The old registration on {server} could not be removed</source>
        <translation>无法删除 {server} 上的旧注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That server did not answer, so it may keep the old contact for up to {expires} s: calls that reach it meanwhile may fail or ring nowhere.</source>
        <translation>该服务器没有应答，旧的联系地址可能还会保留最多 {expires} 秒：在此期间到达它的呼叫可能失败或无处振铃。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The SIP engine could not start: {error}</source>
        <translation>SIP 引擎无法启动：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another program may hold the SIP port; restart softdiag.</source>
        <translation>可能有其他程序占用了 SIP 端口；请重启 softdiag。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The settings file was damaged: {problem}</source>
        <translation>设置文件已损坏：{problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The defaults are in use; your old file was kept beside it.</source>
        <translation>当前使用默认设置；原文件已保留在同一目录中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No NAT between softdiag and the STUN server: it sees our own address {local}</source>
        <translation>softdiag 与 STUN 服务器之间没有 NAT：服务器看到的就是我们自己的地址 {local}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Servers can reach this address directly; a firewall may still filter what comes in.</source>
        <translation>服务器可以直接访问这个地址；防火墙仍可能过滤入站流量。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This NAT keeps one public address for every destination: {mapped}</source>
        <translation>这个 NAT 对所有目的地使用同一个公网地址：{mapped}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Endpoint-independent mapping: every server sees the same public address and port, so moving between servers does not change it. Filtering: {filtering}.</source>
        <translation>与端点无关的映射：每台服务器看到相同的公网地址和端口，在服务器之间切换不会改变它。过滤方式：{filtering}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This NAT gives every destination its own public port ({mapping} mapping)</source>
        <translation>这个 NAT 为每个目的地分配不同的公网端口（{mapping} 映射）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each server sees another public port: a registration that moves to another server gets a new mapping, and direct media between phones needs a relay (TURN or the server&apos;s media proxy). Keep the registration on one server (the sticky policy).</source>
        <translation>每台服务器看到不同的公网端口：注册切换到另一台服务器就会得到新的映射，话机之间的直连媒体需要中继（TURN 或服务器的媒体代理）。请让注册保持在同一台服务器上（粘滞策略）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The NAT behaviour could not be determined with the STUN server {server}</source>
        <translation>无法通过 STUN 服务器 {server} 判断 NAT 行为</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use an RFC 5780 STUN server with two addresses (for example coturn); the evidence says which test failed.</source>
        <translation>请使用具有两个地址的 RFC 5780 STUN 服务器（例如 coturn）；证据中说明了哪项测试失败。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A router rewrites addresses inside packets (an ALG): MAPPED-ADDRESS {plain}, XOR-MAPPED-ADDRESS {mapped}</source>
        <translation>有路由器在改写数据包内的地址（ALG）：MAPPED-ADDRESS {plain}，XOR-MAPPED-ADDRESS {mapped}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Routers that rewrite STUN usually rewrite SIP too (a SIP ALG), which breaks registrations and calls in odd ways: switch the router&apos;s SIP ALG off.</source>
        <translation>改写 STUN 的路由器通常也会改写 SIP（SIP ALG），会以各种奇怪的方式破坏注册和通话：请关闭路由器的 SIP ALG。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This NAT forgets an idle UDP mapping after ~{lifetime} s; your keep-alive is every {interval} s ({mechanism})</source>
        <translation>这个 NAT 在约 {lifetime} 秒后会丢弃空闲的 UDP 映射；您的保活间隔是 {interval} 秒（{mechanism}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Incoming calls will be lost between keep-alives: set the keep-alive to {suggested} s (udpKaIntervalSec), or register over TCP or TLS.</source>
        <translation>两次保活之间的来电会丢失：请把保活间隔设为 {suggested} 秒（udpKaIntervalSec），或改用 TCP 或 TLS 注册。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your keep-alive every {interval} s ({mechanism}) is close to this NAT&apos;s idle UDP timeout of ~{lifetime} s</source>
        <translation>您每 {interval} 秒一次的保活（{mechanism}）接近这个 NAT 约 {lifetime} 秒的空闲 UDP 超时</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One lost keep-alive loses the mapping, and incoming calls with it until the next packet: set the keep-alive to {suggested} s (udpKaIntervalSec).</source>
        <translation>丢失一次保活就会丢失映射，在下一个数据包之前来电也会丢失：请把保活间隔设为 {suggested} 秒（udpKaIntervalSec）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your keep-alive every {interval} s ({mechanism}) keeps this NAT&apos;s UDP mapping open</source>
        <translation>您每 {interval} 秒一次的保活（{mechanism}）能让这个 NAT 的 UDP 映射保持打开</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Idle UDP mappings survived {lifetime} s here: nothing to change.</source>
        <translation>这里空闲的 UDP 映射能保持 {lifetime} 秒：无需更改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This NAT kept idle UDP mappings for at least {lifetime} s, the longest tested; your keep-alive is every {interval} s ({mechanism})</source>
        <translation>这个 NAT 至少保持空闲 UDP 映射 {lifetime} 秒（测试的最长时间）；您的保活间隔是 {interval} 秒（{mechanism}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Measure longer (softdiag nat --lifetime --max-idle S), or set the keep-alive to {suggested} s to be safe.</source>
        <translation>请测量更长时间（softdiag nat --lifetime --max-idle S），或为稳妥起见把保活间隔设为 {suggested} 秒。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The NAT&apos;s idle UDP mapping lifetime is not known; your keep-alive is every {interval} s ({mechanism})</source>
        <translation>NAT 空闲 UDP 映射的存活时间未知；您的保活间隔是 {interval} 秒（{mechanism}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Measure it with softdiag nat --lifetime. Most NATs keep idle UDP mappings for 30 s or more.</source>
        <translation>请用 softdiag nat --lifetime 测量。大多数 NAT 会将空闲 UDP 映射保持 30 秒或更久。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Over {transport} the connection carries incoming calls: the NAT&apos;s UDP timeout does not apply</source>
        <translation>使用 {transport} 时由连接承载来电：NAT 的 UDP 超时不适用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep the connection&apos;s keep-alive ({tcp_keepalive} s) shorter than the NAT&apos;s idle TCP timeout; most NATs keep TCP connections for many minutes.</source>
        <translation>请让连接的保活间隔（{tcp_keepalive} 秒）短于 NAT 的空闲 TCP 超时；大多数 NAT 会将 TCP 连接保持许多分钟。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No system keychain: the password is kept for this run only</source>
        <translation>没有系统钥匙串：密码仅在本次运行期间保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install and unlock a keychain (e.g. GNOME Keyring) to save passwords.</source>
        <translation>安装并解锁一个钥匙串（例如 GNOME Keyring）即可保存密码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The network is down or not configured: check the cable or Wi-Fi, a VPN, and the network settings, then run the check again.</source>
        <translation>网络已断开或未配置：请检查网线或 Wi-Fi、VPN 以及网络设置，然后重新运行检查。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The DNS server lists the {count} servers of {domain} in a different order each time</source>
        <translation>DNS 服务器每次以不同顺序列出 {domain} 的 {count} 台服务器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Phones that always take the first address (MicroSIP, pjsip on UDP) hop between servers at every refresh and get a new NAT mapping each time; softdiag&apos;s sticky policy stays on one.</source>
        <translation>总是使用第一个地址的话机（MicroSIP、UDP 上的 pjsip）每次刷新都会在服务器之间跳动，每次都得到新的 NAT 映射；softdiag 的粘滞策略会停留在一台上。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{down} of the {total} servers of {domain} do not answer: {servers}</source>
        <translation>{domain} 的 {total} 台服务器中有 {down} 台没有应答：{servers}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Registrations and calls still work through the others, but there is less redundancy left: tell the provider which servers are down.</source>
        <translation>注册和通话仍可通过其他服务器进行，但冗余减少了：请告诉服务商哪些服务器宕机。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The account {aor} did not register within {seconds} s</source>
        <translation>账户 {aor} 未能在 {seconds} 秒内注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No server accepted the registration in time: see the servers step and the SIP messages for what the servers answered.</source>
        <translation>没有服务器及时接受注册：请查看“服务器”步骤和 SIP 消息，了解服务器的应答。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The registration moved from {old} to {new} during the check: {reason}</source>
        <translation>检查期间注册从 {old} 转移到了 {new}：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>softdiag followed its failover policy; a phone without one would have lost incoming calls. Ask the provider why {old} stopped answering.</source>
        <translation>softdiag 按其故障切换策略行事；没有该策略的话机会漏接来电。请询问服务商 {old} 为何停止应答。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The registration held {held} of the {wanted} refreshes asked for</source>
        <translation>注册在要求的 {wanted} 次刷新中保持了 {held} 次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It was lost or did not refresh in time: see the registration events and SIP messages for why.</source>
        <translation>注册丢失或未及时刷新：原因请查看注册事件和 SIP 消息。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The public address servers see for us changed {count} times during the check</source>
        <translation>检查期间服务器看到的我方公网地址变化了 {count} 次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A NAT that forgets or rebinds mappings loses incoming calls until the next refresh: {cause}</source>
        <translation>遗忘或重新绑定映射的 NAT 会在下次刷新前丢失来电：{cause}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The keep-alive every {interval} s ({mechanism}) is slower than the {needed} s this network needs</source>
        <translation>每 {interval} 秒一次的保活（{mechanism}）慢于本网络所需的 {needed} 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set the phone&apos;s keep-alive to {needed} s or less (udpKaIntervalSec), or register over TCP or TLS.</source>
        <translation>请把话机的保活间隔设为 {needed} 秒或更短（udpKaIntervalSec），或改用 TCP 或 TLS 注册。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The test call to {uri} did not connect: {problem}</source>
        <translation>到 {uri} 的测试呼叫未能接通：{problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See the SIP messages of the call: the answer names the problem.</source>
        <translation>请查看该呼叫的 SIP 消息：应答会指出问题所在。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{output} and {input} work</source>
        <translation>{output} 和 {input} 工作正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The test signal played, and the microphone delivered live sound. You can use these devices for calls.</source>
        <translation>测试信号已播放，麦克风送出了实时声音。可以用这两个设备通话。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{input} hears {output}: the test signal came back after {delay_ms} ms</source>
        <translation>{input} 能听到 {output}：测试信号在 {delay_ms} 毫秒后回传</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The output reaches this microphone (a handset&apos;s own earpiece, a loopback cable or a loudspeaker in the same room). With a loudspeaker the other party may hear an echo: prefer a headset or the handset.</source>
        <translation>输出的声音传到了这个麦克风（听筒自身的受话器、回环线缆或同一房间里的扬声器）。如果是扬声器，对方可能听到回声：请改用耳麦或听筒。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The microphone {input} sends a flat line: the other party will hear nothing</source>
        <translation>麦克风 {input} 送出的是一条直线：对方将什么也听不到</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No sound at all comes from this input: every sample has the same value. Calls still send RTP, but it carries only silence. Check the microphone&apos;s plug, cable and mute switch, replug a USB device, or choose another input.</source>
        <translation>这个输入完全没有声音：每个采样值都相同。通话仍会发送 RTP，但里面只有静音。请检查麦克风的插头、线缆和静音开关，重新插拔 USB 设备，或换一个输入设备。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The microphone {input} is muted in the system&apos;s sound settings</source>
        <translation>麦克风 {input} 在系统声音设置中被静音了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unmute it in the sound settings (or with the device&apos;s mute key): until then the other party hears silence.</source>
        <translation>请在声音设置中（或用设备上的静音键）取消静音：在此之前对方只能听到静音。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The output {output} is muted or its volume is zero</source>
        <translation>输出设备 {output} 被静音或音量为零</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unmute it or raise its volume in the system&apos;s sound settings, then test again.</source>
        <translation>请在系统声音设置中取消静音或调高音量，然后再测一次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The microphone {input} is too loud: {percent} % of the samples clip</source>
        <translation>麦克风 {input} 声音过大：{percent} % 的采样被削波</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The other party hears distortion. Lower the input volume in the sound settings, or hold the microphone a little further from the mouth.</source>
        <translation>对方会听到失真。请在声音设置中调低输入音量，或让麦克风离嘴稍远一些。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The microphone {input} is too quiet: speech reached only {level} dBFS</source>
        <translation>麦克风 {input} 声音太小：说话时最高只有 {level} dBFS</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The other party will hardly hear you. Raise the input volume in the sound settings, point the microphone at the mouth, or choose another input.</source>
        <translation>对方很难听清你。请在声音设置中调高输入音量、让麦克风对准嘴巴，或换一个输入设备。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The microphone {input} sends only noise (a steady hiss at {level} dBFS)</source>
        <translation>麦克风 {input} 只送出噪声（持续的嘶嘶声，{level} dBFS）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is how a disconnected or broken microphone sounds behind a high input gain. Check the plug and the cable, or choose another input.</source>
        <translation>这通常是麦克风未连接或损坏、输入增益又很高时的声音。请检查插头和线缆，或换一个输入设备。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{output} is not the system&apos;s default output: that is {default}</source>
        <translation>{output} 不是系统默认的输出设备：默认的是 {default}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>softdiag tested {output}, but programs that follow the system default play on {default}. If calls should sound on {output}, choose it in the softphone or make it the default.</source>
        <translation>softdiag 测试的是 {output}，但跟随系统默认设置的程序会在 {default} 上播放。如果通话应当从 {output} 出声，请在软电话中选择它，或把它设为默认设备。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{output} is not the kind of device you said you listen on</source>
        <translation>{output} 与你所说的收听设备类型不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The system names the socket, not what is plugged into it: a handset plugged into a headset jack still reports a headset. Check which socket the cable is in, or choose the output that matches your device.</source>
        <translation>系统报告的是插孔，而不是插在里面的设备：把听筒插进耳麦插孔，系统仍会报告为耳麦。请检查线缆插在哪个插孔，或选择与你的设备相符的输出。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You did not hear the test tone on {output}</source>
        <translation>你在 {output} 上没有听到测试音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sound left the computer for this device, so the fault is after it: check the volume, the plug, and which socket the cable is in (a handset in the headset jack stays silent), or choose another output.</source>
        <translation>声音已经从电脑送到了这个设备，所以故障在它之后：请检查音量、插头以及线缆插在哪个插孔（听筒插在耳麦插孔里不会出声），或换一个输出设备。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The test tone did not come out where you expected: {output} is another device</source>
        <translation>测试音没有从你预期的地方发出：{output} 是另一个设备</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calls will sound where the tone did, not on your device. Choose the output you listen on, or make it the system default.</source>
        <translation>通话声音会和测试音从同一个地方发出，而不是你的设备。请选择你用来收听的输出设备，或把它设为系统默认。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{device} could not be opened: {error}</source>
        <translation>无法打开 {device}：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another program may be using it exclusively, or it was just unplugged. Close other call or recording programs, replug it, and run the check again.</source>
        <translation>可能有其他程序独占了它，或它刚被拔出。请关闭其他通话或录音程序，重新插拔后再检测一次。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{device} disappeared during the check</source>
        <translation>检测过程中 {device} 消失了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It was unplugged, switched off, or its driver restarted. Plug it in again and run the check again.</source>
        <translation>它被拔出、关闭，或驱动程序重启了。请重新插上后再检测一次。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{input} opened but delivered no audio in {seconds} s</source>
        <translation>{input} 已打开，但在 {seconds} 秒内没有送出任何音频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its driver or a Bluetooth link may be stuck. Replug it, or choose another input.</source>
        <translation>它的驱动程序或蓝牙连接可能卡住了。请重新插拔，或换一个输入设备。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No audio output device was found</source>
        <translation>没有找到音频输出设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plug in a headset, handset or speakers, and check that the sound service (PulseAudio or PipeWire, Windows Audio, Core Audio) is running.</source>
        <translation>请插上耳麦、听筒或扬声器，并检查声音服务（PulseAudio 或 PipeWire、Windows Audio、Core Audio）是否在运行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No microphone was found</source>
        <translation>没有找到麦克风</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plug in a headset, handset or microphone, and check that the sound service is running and that softdiag may use the microphone (privacy settings).</source>
        <translation>请插上耳麦、听筒或麦克风，并检查声音服务是否在运行，以及 softdiag 是否被允许使用麦克风（隐私设置）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The call to {uri} failed: {code} {reason}</source>
        <translation>呼叫 {uri} 失败：{code} {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See the SIP messages in the log: the answer names the problem (404: no such user, 486: busy, 488: no common codec, 408/480: nobody answered).</source>
        <translation>请查看日志中的 SIP 消息：应答说明了问题（404：无此用户，486：忙，488：没有共同的编解码器，408/480：无人应答）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Split registration: a call came through {source}, which still holds our old binding</source>
        <translation>注册分裂：来电经过 {source}，该服务器仍保留着我们的旧绑定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>softdiag registers through {registered_on} now, but {source} kept the binding from before the failover. This call reached us only because nothing between {source} and us filters by address; behind a NAT that does, calls routed there are lost until the old binding expires. The servers should share registrations (a cluster) or route calls to the server the phone registered through (Path, RFC 3327).</source>
        <translation>softdiag 现在通过 {registered_on} 注册，但 {source} 仍保留着故障切换之前的绑定。这通来电之所以能到达，只是因为 {source} 与我们之间没有按地址过滤；在按地址过滤的 NAT 之后，路由到那里的来电会丢失，直到旧绑定过期。服务器应共享注册信息（集群），或把来电路由到话机注册时经过的服务器（Path，RFC 3327）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A call came through {source}, not through {registered_on} where softdiag is registered</source>
        <translation>来电经过 {source}，而不是 softdiag 注册所在的 {registered_on}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The servers share their registrations or route calls among themselves. That works on an open network; behind a NAT that filters by address only {registered_on} can reach us, unless the servers route through it (Path, RFC 3327; SIP outbound).</source>
        <translation>这些服务器共享注册信息，或在彼此之间路由来电。在开放网络中这样可行；但在按地址过滤的 NAT 之后，只有 {registered_on} 能到达我们，除非服务器经由它路由（Path，RFC 3327；SIP outbound）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The call to {uri} did not get through {old} ({why}): placed again through {new}</source>
        <translation>呼叫 {uri} 未能经由 {old} 接通（{why}）：已改经 {new} 重新呼叫</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server the account used stopped answering or refused the call for its own trouble. softdiag placed the same call through another server of the domain instead of waiting up to 32 s for SIP&apos;s timer or failing it; a phone without failover would have hung or failed.</source>
        <translation>账户所用的服务器停止了应答，或因自身故障拒绝了呼叫。softdiag 经由该域的另一台服务器重新发起同一呼叫，而不是等待 SIP 定时器最长 32 秒或直接失败；没有故障切换的话机会一直挂起或呼叫失败。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The call&apos;s server {server} stopped answering; the audio goes on</source>
        <translation>通话所经过的服务器 {server} 已停止应答；语音仍在继续</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Media flows directly and is not affected. Hanging up sends a BYE through {server}, which may never arrive: the far end then notices the end only by its own timeout or silence.</source>
        <translation>媒体直接传输，不受影响。挂断时会经由 {server} 发送 BYE，而它可能永远到不了：对方只能通过自己的超时或静音才发现通话已结束。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No audio packets arrive from {remote}: we send, but hear nothing</source>
        <translation>没有收到来自 {remote} 的音频包：我们在发送，却什么也听不到</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The far end does not send, or a NAT or firewall between us drops its RTP. Check that UDP to our media port {local} is allowed, that the far end&apos;s audio is not on hold, and whether the server relays media (rtpengine, an SBC).</source>
        <translation>对端没有发送，或者中间的 NAT 或防火墙丢弃了它的 RTP。请检查是否允许 UDP 到达我们的媒体端口 {local}、对端音频是否处于保持状态，以及服务器是否中继媒体（rtpengine、SBC）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No audio packets arrive: our SDP announces the private address {local}, but the server sees us as {public}</source>
        <translation>没有收到音频包：我们的 SDP 宣告的是私有地址 {local}，而服务器看到我们的地址是 {public}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Our side is behind a NAT and tells the far end an address it cannot reach. Enable STUN or ICE in the softphone, use the server&apos;s media relay, or fix the router&apos;s SIP ALG.</source>
        <translation>我们这一侧位于 NAT 之后，告诉对端的是一个它无法到达的地址。请在软电话中启用 STUN 或 ICE、使用服务器的媒体中继，或修正路由器的 SIP ALG。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The far end announced the private media address {remote}, which cannot be reached from here</source>
        <translation>对端宣告了私有媒体地址 {remote}，从这里无法到达</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Its SDP names an address inside its own network (behind a NAT): our audio goes nowhere and none comes back. The far end must announce its public address (STUN/ICE), or its server must relay media (rtpengine, an SBC).</source>
        <translation>它的 SDP 给出的是其内部网络（NAT 之后）的地址：我们的声音发不过去，也收不到回来的声音。对端必须宣告其公网地址（STUN/ICE），或者由其服务器中继媒体（rtpengine、SBC）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audio packets arrive from {remote}, but they carry only digital silence</source>
        <translation>收到了来自 {remote} 的音频包，但其中只有数字静音</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The network works: the far end sends silence. Its microphone is muted, unplugged or delivers a flat line (a handset plugged into a headset jack), or its media server plays nothing.</source>
        <translation>网络正常：是对端在发送静音。它的麦克风被静音、未插好或只输出一条直线（例如手柄插进了耳机插孔），或者它的媒体服务器什么也没播放。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Our microphone {input} sends a flat line: the other party hears nothing</source>
        <translation>我们的麦克风 {input} 只输出一条直线：对方什么也听不到</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RTP leaves normally, but every sample is the same value. Check the microphone&apos;s plug and mute switch (a handset in the headset jack delivers nothing), or choose another input; the device check tells which one works.</source>
        <translation>RTP 正常发出，但每个采样值都相同。请检查麦克风的插头和静音开关（手柄插在耳机插孔里不会有声音），或选择其他输入；设备检查会告诉你哪个可用。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audio arrives from {source}, not from {remote} that the far end&apos;s SDP announced</source>
        <translation>音频来自 {source}，而不是对端 SDP 宣告的 {remote}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The far end sits behind a NAT or an SBC rewrites its ports. Audio works here only because softdiag answers to where RTP really comes from (symmetric RTP, RFC 4961); phones without that hear nothing. The far end should announce its public address (STUN/ICE), or the server should relay media.</source>
        <translation>对端位于 NAT 之后，或者 SBC 改写了它的端口。这里能通话，只是因为 softdiag 把声音发往 RTP 实际到来的地址（对称 RTP，RFC 4961）；不支持这一点的话机会听不到声音。对端应宣告其公网地址（STUN/ICE），或由服务器中继媒体。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{loss_pct} % of the audio packets from {remote} are lost</source>
        <translation>来自 {remote} 的音频包丢失了 {loss_pct} %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network drops packets between us (Wi-Fi, a congested uplink, a VPN): speech breaks up. Try a wired connection, or ask for QoS (DSCP EF) on the path.</source>
        <translation>我们之间的网络在丢包（Wi-Fi、拥塞的上行链路、VPN）：语音会断断续续。请尝试有线连接，或要求在路径上启用 QoS（DSCP EF）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audio packets from {remote} arrive unevenly: {jitter_ms} ms of jitter</source>
        <translation>来自 {remote} 的音频包到达不均匀：抖动 {jitter_ms} 毫秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The network delays packets by varying amounts (Wi-Fi, congestion, a VPN): the jitter buffer has to grow, and speech gets delayed or choppy.</source>
        <translation>网络对数据包的延迟时大时小（Wi-Fi、拥塞、VPN）：抖动缓冲区不得不增大，语音会变得延迟或断续。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The audio device {device} disappeared during the call; the call goes on</source>
        <translation>音频设备 {device} 在通话中消失了；通话仍在继续</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It was unplugged, switched off, or its driver restarted. Plug it in again or choose another device: the call stays up meanwhile.</source>
        <translation>它被拔出、关闭，或者驱动重新启动了。请重新插上或选择其他设备：在此期间通话保持不断。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No usable audio device: the call uses a generated test signal</source>
        <translation>没有可用的音频设备：通话使用生成的测试信号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The meters still show what is sent and received. Plug in a headset or choose a device to talk yourself: {problem}</source>
        <translation>电平表仍会显示发送和接收的内容。要自己通话，请插上耳机或选择一个设备：{problem}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The certificate of {server} is signed by an authority softdiag does not trust</source>
        <translation>{server} 的证书由 softdiag 不信任的颁发机构签发</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Issuer: {issuer}. If your provider uses a private authority, give softdiag its certificate (--ca FILE, or the CA file in the account settings). softdiag will not register to a server it cannot verify.</source>
        <translation>颁发者：{issuer}。如果您的服务商使用私有证书颁发机构，请把它的证书提供给 softdiag（--ca 文件，或账户设置中的 CA 文件）。softdiag 不会向无法验证的服务器注册。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The certificate of {server} is not made out to {name}</source>
        <translation>{server} 的证书不是颁发给 {name} 的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It names {cert_names}. Either the provider installed the wrong certificate or something intercepts the connection: tell the provider. softdiag will not register there and uses another server of the domain where there is one.</source>
        <translation>证书上的名称是 {cert_names}。可能是服务商装错了证书，也可能有人在截获连接：请告知服务商。softdiag 不会在该服务器注册，若域内还有其他服务器，将改用其他服务器。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The certificate of {server} is outside its validity ({not_before} to {not_after})</source>
        <translation>{server} 的证书不在有效期内（{not_before} 至 {not_after}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check this computer&apos;s date and time first; if they are right, the provider must renew its certificate.</source>
        <translation>请先检查本机的日期和时间；如果时间正确，则需要服务商更新证书。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{server} offers only an old TLS version ({detail})</source>
        <translation>{server} 只提供旧版 TLS（{detail}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS 1.0 and 1.1 are insecure and retired (RFC 8996); softdiag needs TLS 1.2. Ask the provider to upgrade the server.</source>
        <translation>TLS 1.0 和 1.1 不安全且已废弃（RFC 8996）；softdiag 需要 TLS 1.2。请服务商升级服务器。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The TLS handshake with {server} failed: {detail}</source>
        <translation>与 {server} 的 TLS 握手失败：{detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The port may not speak TLS (plain SIP on a TLS port, or the wrong port), or the server asks for something softdiag does not offer. Check the port and transport.</source>
        <translation>该端口可能不支持 TLS（TLS 端口上是明文 SIP，或端口错误），或者服务器要求 softdiag 不提供的功能。请检查端口和传输方式。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>TLS certificate verification is off (chosen with --tls-no-verify)</source>
        <translation>TLS 证书验证已关闭（通过 --tls-no-verify 选择）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection is encrypted but nobody checks who answers: anyone on the path can pose as the server and read the password exchange. Use it only to diagnose.</source>
        <translation>连接虽已加密，但不验证应答方身份：路径上的任何人都可以冒充服务器并读取密码交换。仅用于诊断。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{server} closed the {transport} connection {after_s} s after we sent {message}</source>
        <translation>我们发送 {message} 后 {after_s} 秒，{server} 关闭了 {transport} 连接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Servers drop a TCP or TLS connection when they cannot parse or refuse a message read from it, and every message on that connection is lost with it. softdiag reconnected and registered again. It happened {count} time(s): if it repeats, send the SIP log (the message sent last) to the provider.</source>
        <translation>服务器无法解析或拒绝从 TCP 或 TLS 连接读到的消息时会断开该连接，连接上的所有消息随之丢失。softdiag 已重新连接并重新注册。共发生 {count} 次：如果反复出现，请把 SIP 日志（最后发送的消息）发给服务商。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The SDP {side} cannot be read: {error}</source>
        <translation>无法读取 SDP {side}：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A phone or server that cannot read it either rejects the call (488) or drops the media. The evidence names the line; whoever wrote this SDP has a bug.</source>
        <translation>无法读取它的话机或服务器会拒绝呼叫（488）或丢弃媒体。证据中指出了出错的行；生成这个 SDP 的一方存在缺陷。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No audio codec in common: the offer has {offered}, the answer {answered}</source>
        <translation>没有共同的音频编解码器：offer 中有 {offered}，answer 中有 {answered}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Without a codec both ends know, there is no sound. Enable a codec the other side offers (PCMU or PCMA work almost everywhere), or find what on the path rewrote the SDP: {path}.</source>
        <translation>没有双方都支持的编解码器就没有声音。请启用对方提供的编解码器（PCMU 或 PCMA 几乎处处可用），或找出路径上改写了 SDP 的设备：{path}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The answer carries only telephone-event: no voice codec is left</source>
        <translation>answer 中只剩 telephone-event：没有任何语音编解码器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The call connects but no sound can flow, and many phones hang up right after the 200 OK. Something removed the voice codecs: {path}. A media proxy that compares fmtp parameters (rtpengine, an SBC) drops a codec whose offer carries a parameter it does not expect; remove that parameter or fix the proxy&apos;s codec rules.</source>
        <translation>呼叫能接通但无法传送声音，很多话机会在 200 OK 后立即挂断。有设备删除了语音编解码器：{path}。会比较 fmtp 参数的媒体代理（rtpengine、SBC）遇到 offer 中带有意外参数的编解码器时会将其删除；请去掉该参数，或修正代理的编解码器规则。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Offered {codecs}, none of them is left in the answer</source>
        <translation>offer 中提供了 {codecs}，answer 中一个也没有留下</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Present in the offer, gone in the answer. Path: {path}. When a media proxy sits there, compare the SDP it received with the one it sent (its codec-strip, codec-mask or transcoding rules), then the far end&apos;s codec list.</source>
        <translation>offer 中有，answer 中没有。路径：{path}。如果路径上有媒体代理，请比较它收到的 SDP 和它发出的 SDP（它的 codec-strip、codec-mask 或转码规则），再检查对端的编解码器列表。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{codec} has different fmtp parameters in the offer ({offered}) and the answer ({answered})</source>
        <translation>{codec} 在 offer（{offered}）和 answer（{answered}）中的 fmtp 参数不同</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two ends may encode differently, and a strict media proxy may drop the codec because of it. Remove non-standard fmtp parameters from the offer, or align the codec settings on both ends.</source>
        <translation>两端的编码方式可能不同，严格的媒体代理可能因此删除该编解码器。请从 offer 中去掉非标准的 fmtp 参数，或使两端的编解码器设置一致。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The answer rejected the audio stream (port 0)</source>
        <translation>answer 拒绝了音频流（端口为 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The far end or a server on the path refused the audio: usually no common codec, an unsupported profile (SRTP required or refused) or a policy. The answer&apos;s other lines and the evidence say which.</source>
        <translation>对端或路径上的服务器拒绝了音频：通常是没有共同的编解码器、不支持的媒体配置（要求或拒绝 SRTP）或策略限制。answer 的其他行和证据会说明原因。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The {side} sets the audio to {direction}: sound flows one way only, or not at all</source>
        <translation>{side} 把音频设为 {direction}：声音只能单向传送，或完全没有</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>no middlebox is named in the SIP headers</source>
        <translation>SIP 头中没有指出任何中间设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an unspecified address (an old-style hold, RFC 3264 §8.4)</source>
        <translation>未指定的地址（旧式保持，RFC 3264 §8.4）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IPv4 only, the other side speaks IPv6</source>
        <translation>只有 IPv4，而对方只用 IPv6</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IPv6 only, the other side speaks IPv4</source>
        <translation>只有 IPv6，而对方只用 IPv4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a private address, while the other side is on a public one</source>
        <translation>这是私网地址，而对方在公网上</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a loopback address, which means the other side&apos;s own machine</source>
        <translation>这是回环地址，对对方来说指的是它自己的机器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the offer carries SDES keys (a=crypto), the answer DTLS-SRTP (a=fingerprint)</source>
        <translation>offer 带的是 SDES 密钥（a=crypto），answer 用的是 DTLS-SRTP（a=fingerprint）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the offer asks for DTLS-SRTP (a=fingerprint), the answer sends SDES keys (a=crypto)</source>
        <translation>offer 要求 DTLS-SRTP（a=fingerprint），answer 发的是 SDES 密钥（a=crypto）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the answer sends SDES keys (a=crypto) for an offer without any</source>
        <translation>offer 中没有密钥，answer 却发了 SDES 密钥（a=crypto）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the answer&apos;s crypto suite is not among the offer&apos;s</source>
        <translation>answer 的加密套件不在 offer 提供的套件之中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the answer uses SRTP with SDES but sends no a=crypto key</source>
        <translation>answer 使用 SDES 方式的 SRTP，却没有发送 a=crypto 密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the answer turns on a=rtcp-mux, which the offer did not propose (RFC 5761)</source>
        <translation>answer 启用了 offer 没有提出的 a=rtcp-mux（RFC 5761）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the offer requires rtcp-mux (a=rtcp-mux-only), the answer does not multiplex</source>
        <translation>offer 要求 rtcp-mux（a=rtcp-mux-only），answer 却不复用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a WebRTC offer (rtcp-mux required by browsers) got an answer without rtcp-mux</source>
        <translation>WebRTC 的 offer（浏览器要求 rtcp-mux）收到的 answer 没有 rtcp-mux</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it is not &apos;hash-name HEX:HEX:…&apos;</source>
        <translation>格式不是“哈希名 HEX:HEX:…”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the hash function is not a known one (sha-256, sha-1, …)</source>
        <translation>哈希算法不是已知的算法（sha-256、sha-1 等）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the value is not colon-separated hex bytes</source>
        <translation>值不是以冒号分隔的十六进制字节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the digest&apos;s length does not match its hash function</source>
        <translation>摘要长度与其哈希算法不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a=ice-ufrag is missing</source>
        <translation>缺少 a=ice-ufrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a=ice-pwd is missing</source>
        <translation>缺少 a=ice-pwd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a=ice-ufrag and a=ice-pwd are missing</source>
        <translation>缺少 a=ice-ufrag 和 a=ice-pwd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a=ice-ufrag is not 4–256 ice-chars</source>
        <translation>a=ice-ufrag 不是 4–256 个 ice 字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a=ice-pwd is not 22–256 ice-chars</source>
        <translation>a=ice-pwd 不是 22–256 个 ice 字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a=end-of-candidates, but no candidate at all</source>
        <translation>有 a=end-of-candidates，却没有任何候选地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IPv6 candidates only, the other side has IPv4 only</source>
        <translation>只有 IPv6 候选地址，而对方只有 IPv4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>host candidates on private or loopback addresses only, no server-reflexive or relay candidate, while the other side is public</source>
        <translation>只有私网或回环地址上的主机候选，没有服务器反射或中继候选，而对方在公网上</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>One-way audio by design, not by the network: a hold, a mute or a misconfigured party. Check who sent {direction} and why (a hold button, an announcement server, a B2BUA that did not forward a re-INVITE).</source>
        <translation>这是协商出来的单向音频，不是网络问题：保持、静音或某一方配置错误。请检查是谁发送了 {direction} 以及原因（保持按钮、放音服务器、没有转发 re-INVITE 的 B2BUA）。</translation>
    </message>
    <message>
        <location line="-398"/>
        <source>This computer has no route to the DNS server {destination}</source>
        <translation>本机没有到 DNS 服务器 {destination} 的路由</translation>
    </message>
    <message>
        <location line="+403"/>
        <source>The {side} announces {address} for media, which the other side cannot reach: {why}</source>
        <translation>{side} 为媒体声明的地址 {address} 对方无法到达：{why}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audio goes nowhere. The party behind a NAT must announce its public address (STUN or ICE), or a media relay on the server (rtpengine, an SBC) must rewrite the SDP.</source>
        <translation>音频无处可去。位于 NAT 之后的一方必须声明其公网地址（STUN 或 ICE），或由服务器上的媒体中继（rtpengine、SBC）改写 SDP。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The offer uses {offered}, the answer {answered}</source>
        <translation>offer 使用 {offered}，answer 使用 {answered}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Both ends must use the same media profile: plain RTP (RTP/AVP), SRTP with SDES keys (RTP/SAVP) or DTLS-SRTP (UDP/TLS/RTP/SAVPF, WebRTC). Make the SRTP settings match, or let a media proxy bridge the two.</source>
        <translation>两端必须使用同一种媒体配置：普通 RTP（RTP/AVP）、SDES 密钥的 SRTP（RTP/SAVP）或 DTLS-SRTP（UDP/TLS/RTP/SAVPF，WebRTC）。请使 SRTP 设置一致，或让媒体代理在两者之间桥接。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The SRTP keys do not match: {why}</source>
        <translation>SRTP 密钥不匹配：{why}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted media needs one key exchange both ends use: SDES (a=crypto) or DTLS-SRTP (a=fingerprint), with a common crypto suite. Align the SRTP settings of the two ends or of the media proxy between them.</source>
        <translation>加密媒体需要两端使用同一种密钥交换：SDES（a=crypto）或 DTLS-SRTP（a=fingerprint），并有共同的加密套件。请统一两端或中间媒体代理的 SRTP 设置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>RTP/RTCP multiplexing does not match: {why}</source>
        <translation>RTP/RTCP 复用不匹配：{why}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One side expects RTCP on the RTP port (a=rtcp-mux), the other on a separate port: RTCP is lost, and WebRTC ends drop the call. Enable rtcp-mux on both sides.</source>
        <translation>一方期望 RTCP 走 RTP 端口（a=rtcp-mux），另一方使用单独的端口：RTCP 会丢失，WebRTC 端会挂断呼叫。请在两端都启用 rtcp-mux。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The {side} asks for an unusual packet time: {value}</source>
        <translation>{side} 要求了不常见的打包时长：{value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phones and gateways expect 20 ms (10–60 ms at most, in steps of the codec&apos;s frame): an odd ptime can give choppy or no audio through some gateways. Use 20 ms.</source>
        <translation>话机和网关期望 20 ms（最多 10–60 ms，按编解码器帧长的整数倍）：不常见的 ptime 经过某些网关时会导致声音断续或无声。请使用 20 ms。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DTLS roles conflict: the offer says setup:{offered}, the answer setup:{answered}</source>
        <translation>DTLS 角色冲突：offer 为 setup:{offered}，answer 为 setup:{answered}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exactly one end must start the DTLS handshake (RFC 8842): the offer says actpass, the answer active or passive. With both active, both passive, or an answer that still says actpass, the handshake never completes and the call stays silent.</source>
        <translation>必须恰好由一端发起 DTLS 握手（RFC 8842）：offer 为 actpass，answer 为 active 或 passive。如果两端都是 active、都是 passive，或 answer 仍为 actpass，握手永远无法完成，通话一直无声。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The {side} uses DTLS-SRTP but carries no a=fingerprint</source>
        <translation>{side} 使用 DTLS-SRTP，但没有 a=fingerprint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without the certificate fingerprint the other end must refuse the DTLS handshake: no media. The endpoint or media proxy that wrote this SDP must add a=fingerprint.</source>
        <translation>没有证书指纹，对端必须拒绝 DTLS 握手：没有媒体。生成这个 SDP 的终端或媒体代理必须加上 a=fingerprint。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The {side}&apos;s DTLS fingerprint is malformed: {why}</source>
        <translation>{side} 的 DTLS 指纹格式错误：{why}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The other end cannot check the certificate and aborts the DTLS handshake. The fingerprint must be a known hash (sha-256 is usual) and its full hex value as colon-separated bytes.</source>
        <translation>对端无法校验证书，会中止 DTLS 握手。指纹必须使用已知的哈希算法（通常是 sha-256），并给出以冒号分隔字节的完整十六进制值。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The {side} uses ICE without valid credentials: {why}</source>
        <translation>{side} 使用 ICE 但没有有效的凭据：{why}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICE connectivity checks need a=ice-ufrag (4–256 characters) and a=ice-pwd (22–256) (RFC 8839): without them no check succeeds and no media flows.</source>
        <translation>ICE 连通性检查需要 a=ice-ufrag（4–256 个字符）和 a=ice-pwd（22–256 个字符）（RFC 8839）：缺少它们，任何检查都不会成功，也没有媒体。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Both the offer and the answer are ICE-lite</source>
        <translation>offer 和 answer 都是 ICE-lite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two ICE-lite ends never send connectivity checks to each other (RFC 8445 §2.5): ICE never completes. One side, usually the phone or browser, must run full ICE.</source>
        <translation>两个 ICE-lite 端永远不会互相发送连通性检查（RFC 8445 §2.5）：ICE 永远无法完成。必须有一方（通常是话机或浏览器）运行完整的 ICE。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The {side}&apos;s ICE candidates cannot reach the other side: {why}</source>
        <translation>{side} 的 ICE 候选地址无法到达对方：{why}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The other side has no address it can send to. Add a STUN server (server-reflexive candidates) or a TURN relay, or let the server&apos;s media proxy take the media.</source>
        <translation>对方没有可以发送的地址。请添加 STUN 服务器（服务器反射候选）或 TURN 中继，或让服务器的媒体代理转发媒体。</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../ui/findings_panel.py" line="+30"/>
        <source>Findings</source>
        <translation>诊断结果</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No findings yet: they appear here as they are made.</source>
        <translation>暂无诊断结果：得出结论后会显示在这里。</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <location filename="../../ui/first_start.py" line="+44"/>
        <source>Starting the demo lab…</source>
        <translation>正在启动演示实验室…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demo lab running: registering alice@{domain}</source>
        <translation>演示实验室已运行：正在注册 alice@{domain}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The demo lab could not start: {error}</source>
        <translation>演示实验室无法启动：{error}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No log file: {folder} cannot be written (is the home folder read-only?)</source>
        <translation>没有日志文件：无法写入 {folder}（主目录是否为只读？）</translation>
    </message>
</context>
<context>
    <name>GuidedCheck</name>
    <message>
        <location filename="../../ui/check_texts.py" line="+6"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registration</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAT</source>
        <translation>NAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test call</source>
        <translation>测试呼叫</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio devices</source>
        <translation>音频设备</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
</context>
<context>
    <name>HepDialog</name>
    <message>
        <location filename="../../ui/bundle_ui.py" line="+147"/>
        <source>HEP mirror</source>
        <translation>HEP 镜像</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>host:port, empty for off</source>
        <translation>主机:端口，留空表示关闭</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>only if the collector asks for one</source>
        <translation>仅当采集端要求时填写</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Collector</source>
        <translation>采集端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture id</source>
        <translation>采集 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auth key</source>
        <translation>认证密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every SIP message is also sent, as HEPv3 over UDP, to a Homer or heplify-server collector. A collector that is down never slows the phone: messages it cannot take are dropped and counted. The auth key is kept for this run only.</source>
        <translation>每条 SIP 消息还会以 HEPv3（UDP）发送到 Homer 或 heplify-server 采集端。采集端故障不会拖慢电话：无法发送的消息会被丢弃并计数。认证密钥只在本次运行中保留。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The mirror is off.</source>
        <translation>镜像已关闭。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mirroring to %1: %2 sent, %3 dropped, %4 send errors.</source>
        <translation>正在镜像到 %1：已发送 %2，丢弃 %3，发送错误 %4。</translation>
    </message>
</context>
<context>
    <name>IncomingCallNotice</name>
    <message>
        <location filename="../../ui/incoming_call.py" line="+37"/>
        <source>softdiag — incoming call</source>
        <translation>softdiag — 来电</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Answer</source>
        <translation>接听</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reject</source>
        <translation>拒接</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Through {source}, not {registered} where softdiag is registered. Path: {hops}</source>
        <translation>经过 {source}，而不是 softdiag 注册所在的 {registered}。路径：{hops}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Through {source}, where softdiag is registered. Path: {hops}</source>
        <translation>经过 {source}，即 softdiag 注册所在的服务器。路径：{hops}</translation>
    </message>
</context>
<context>
    <name>LadderWindow</name>
    <message>
        <location filename="../../ui/ladder.py" line="+417"/>
        <source>SIP ladder</source>
        <translation>SIP 信令流程图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Call-ID · CSeq</source>
        <translation>Call-ID · CSeq</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter: method, status, Call-ID, address…</source>
        <translation>筛选：方法、状态码、Call-ID、地址…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide probes</source>
        <translation>隐藏探测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find in messages…</source>
        <translation>在消息中查找…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Rows: %1</source>
        <translation>行数：%1</translation>
    </message>
</context>
<context>
    <name>LevelMeterWidget</name>
    <message>
        <location filename="../../ui/call_panel.py" line="-483"/>
        <source>silent</source>
        <translation>静音</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>flat</source>
        <translation>直线</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+221"/>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test call…</source>
        <translation>测试呼叫…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check audio devices…</source>
        <translation>检查音频设备…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Guided check…</source>
        <translation>引导式检查…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About softdiag</source>
        <translation>关于 softdiag</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>softdiag — test call</source>
        <translation>softdiag — 测试呼叫</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Calls will use: {devices}</source>
        <translation>通话将使用：{devices}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>NAT</source>
        <translation>NAT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What each server sees of us: the NAT mapping, its changes and why</source>
        <translation>每台服务器看到的我方地址：NAT 映射、其变化及原因</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A NAT mapping changed: open this tab to see which one and why</source>
        <translation>NAT 映射发生了变化：打开此标签页查看是哪一个以及原因</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Settings: {problem}</source>
        <translation>设置：{problem}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Keychain: {error}</source>
        <translation>钥匙串：{error}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The SIP engine could not start: {error}</source>
        <translation>SIP 引擎无法启动：{error}</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>{response} (retry after {seconds} s)</source>
        <translation>{response}（{seconds} 秒后重试）</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Enter the SIP domain, e.g. voip.example.com.</source>
        <translation>请输入 SIP 域名，例如 voip.example.com。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the user name (the part before the @).</source>
        <translation>请输入用户名（@ 之前的部分）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The TLS CA file cannot be read or holds no PEM certificate: {path}</source>
        <translation>无法读取 TLS CA 文件，或其中没有 PEM 证书：{path}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Registering {aor}…</source>
        <translation>正在注册 {aor}…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Registration cancelled.</source>
        <translation>注册已取消。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unregister: {error}</source>
        <translation>注销：{error}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Failover policy: {error}</source>
        <translation>故障切换策略：{error}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the server did not confirm</source>
        <translation>服务器未确认</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Could not save the settings: {error}</source>
        <translation>无法保存设置：{error}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Stopping the SIP engine…</source>
        <translation>正在停止 SIP 引擎…</translation>
    </message>
</context>
<context>
    <name>NatCauses</name>
    <message>
        <location filename="../../ui/nat_texts.py" line="+41"/>
        <source>first answer from {server}: it sees us as {new}</source>
        <translation>{server} 首次应答：它看到我们是 {new}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>our local address changed from {old_local} to {local} (network switch: Wi-Fi, VPN or cable)</source>
        <translation>我方本地地址从 {old_local} 变为 {local}（网络切换：Wi-Fi、VPN 或网线）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the registration moved from {old_server} to {server}, which sees us as {new} instead of {old}: a new NAT mapping for a new destination</source>
        <translation>注册从 {old_server} 迁移到 {server}，它看到我们是 {new} 而不是 {old}：新的目的地对应新的 NAT 映射</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{server} now sees another public address ({old} -&gt; {new}): reconnect, VPN or a NAT with several addresses</source>
        <translation>{server} 现在看到另一个公网地址（{old} -&gt; {new}）：重新拨号、VPN，或 NAT 拥有多个公网地址</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{server} sees a new port ({old} -&gt; {new}); up to {idle:.0f} s pass without traffic, longer than many NATs keep an idle UDP mapping: it was forgotten</source>
        <translation>{server} 看到新端口（{old} -&gt; {new}）；最长 {idle:.0f} 秒没有流量，超过许多 NAT 保留空闲 UDP 映射的时间：映射已被遗忘</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{server} sees a new port ({old} -&gt; {new}) although traffic kept flowing: the NAT lost its state (restart or flush) and made a new mapping</source>
        <translation>{server} 看到新端口（{old} -&gt; {new}），尽管流量一直未断：NAT 丢失了状态（重启或清空）并新建了映射</translation>
    </message>
</context>
<context>
    <name>NatClasses</name>
    <message>
        <location line="+8"/>
        <source>no server has answered yet</source>
        <translation>尚无服务器应答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no NAT: servers see our own address {local}</source>
        <translation>无 NAT：服务器看到的就是我们自己的地址 {local}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>behind NAT: every server sees us as {public}</source>
        <translation>位于 NAT 之后：每台服务器看到的我们都是 {public}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>behind NAT with address-dependent mapping: one local socket, different public ports towards different servers ({ports})</source>
        <translation>位于地址相关映射的 NAT 之后：同一个本地套接字，对不同服务器呈现不同的公网端口（{ports}）</translation>
    </message>
</context>
<context>
    <name>NatPanel</name>
    <message>
        <location filename="../../ui/nat_panel.py" line="+360"/>
        <source>Our own address and port the REGISTER leaves from (the SIP socket)</source>
        <translation>REGISTER 发出时使用的我方地址和端口（SIP 套接字）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Local address:</source>
        <translation>本地地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAT:</source>
        <translation>NAT：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STUN:</source>
        <translation>STUN：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep-alive:</source>
        <translation>保活：</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+28"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Public address it sees</source>
        <translation>它看到的公网地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learnt from</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server that answered, and its name when it said it</source>
        <translation>应答的服务器，以及它自报的名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our address and port as this server saw them (Via received/rport): the NAT mapping that incoming calls through this server depend on</source>
        <translation>此服务器看到的我方地址和端口（Via received/rport）：经由此服务器的呼入依赖这个 NAT 映射</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When this server first saw this mapping</source>
        <translation>此服务器首次看到这个映射的时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which answer told us: REGISTER, an OPTIONS probe or STUN</source>
        <translation>从哪种应答得知：REGISTER、OPTIONS 探测或 STUN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the mapping last changed; hover a row for the evidence</source>
        <translation>映射最近一次变化的原因；悬停在行上可查看证据</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mapping changes</source>
        <translation>映射变化</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>newest first; hover an entry for why and the evidence</source>
        <translation>最新的在前；悬停在条目上可查看原因和证据</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Old → new</source>
        <translation>旧 → 新</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Likely cause</source>
        <translation>可能原因</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>not tested yet — run {command}</source>
        <translation>尚未测试——请运行 {command}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>STUN tells the NAT&apos;s mapping and filtering behaviour (RFC 5780)</source>
        <translation>STUN 可测出 NAT 的映射和过滤行为（RFC 5780）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>STUN server {server}, asked from our socket {local}</source>
        <translation>STUN 服务器 {server}，从我方套接字 {local} 发起查询</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It sees us as {public}</source>
        <translation>它看到我们是 {public}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>not measured yet — run {command}</source>
        <translation>尚未测量——请运行 {command}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Whether the keep-alives come often enough for the NAT&apos;s idle mapping lifetime</source>
        <translation>保活包的间隔是否短于 NAT 空闲映射的寿命</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>STUN {server}</source>
        <translation>STUN {server}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>changed: {cause}</source>
        <translation>已变化：{cause}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{server} sees us as {public}</source>
        <translation>{server} 看到我们是 {public}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Since {since}; last confirmed {last}</source>
        <translation>起始于 {since}；最近确认于 {last}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Our socket: {local}</source>
        <translation>我方套接字：{local}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server sees our own address: no NAT on this path</source>
        <translation>服务器看到的就是我们自己的地址：这条路径上没有 NAT</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>No mapping changes yet: they appear here as they happen.</source>
        <translation>尚无映射变化：发生时会显示在这里。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>{time}  {cause}</source>
        <translation>{time}  {cause}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learnt from: {source}</source>
        <translation>来源：{source}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Evidence:</source>
        <translation>证据：</translation>
    </message>
</context>
<context>
    <name>NatText</name>
    <message>
        <location filename="../../ui/nat_texts.py" line="+52"/>
        <source>first answer</source>
        <translation>首次应答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>network switch (new local address)</source>
        <translation>网络切换（本地地址变化）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>new server, new mapping</source>
        <translation>换服务器，换映射</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>new public IP address</source>
        <translation>公网 IP 地址变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>idle too long: mapping forgotten</source>
        <translation>空闲过久：映射被遗忘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAT rebinding (state lost)</source>
        <translation>NAT 重新绑定（状态丢失）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>OPTIONS probe</source>
        <translation>OPTIONS 探测</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>NAT unknown</source>
        <translation>NAT 未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no NAT</source>
        <translation>无 NAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>behind NAT, stable mapping</source>
        <translation>位于 NAT 之后，映射稳定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>behind NAT, address-dependent mapping</source>
        <translation>位于 NAT 之后，地址相关映射</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no NAT towards the STUN server</source>
        <translation>到 STUN 服务器之间没有 NAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one public port for every destination</source>
        <translation>所有目的地共用一个公网端口</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a new public port for every server address</source>
        <translation>每个服务器地址一个新的公网端口</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a new public port for every server address and port (symmetric NAT)</source>
        <translation>每个服务器地址和端口一个新的公网端口（对称型 NAT）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mapping behaviour unknown</source>
        <translation>映射行为未知</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>lets in packets from anyone</source>
        <translation>接受任何来源的数据包</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lets in packets only from addresses we sent to</source>
        <translation>只接受来自我们发送过的地址的数据包</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lets in packets only from the address and port we sent to</source>
        <translation>只接受来自我们发送过的地址和端口的数据包</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>filtering unknown</source>
        <translation>过滤行为未知</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>lifetime not measured</source>
        <translation>映射寿命未测量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>~{minutes} min</source>
        <translation>约 {minutes} 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>~{seconds} s</source>
        <translation>约 {seconds} 秒</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>an idle mapping lasts {lifetime}</source>
        <translation>空闲映射可保持{lifetime}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{mapping}; {filtering}; {lifetime}</source>
        <translation>{mapping}；{filtering}；{lifetime}</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../ui/failover_texts.py" line="-104"/>
        <source>initial choice</source>
        <translation>初始选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>initial choice: first address is {ip}</source>
        <translation>初始选择：第一个地址是 {ip}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server is no longer in the DNS answer</source>
        <translation>该服务器已不在 DNS 应答中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>probe answered {code}</source>
        <translation>探测应答 {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no answer to OPTIONS (silent: frozen or black-holed)</source>
        <translation>OPTIONS 无应答（静默：进程冻结或报文被丢弃）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ICMP port unreachable (server process gone)</source>
        <translation>ICMP 端口不可达（服务器进程已退出）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OPTIONS answered {code}</source>
        <translation>OPTIONS 应答 {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REGISTER answered {code}</source>
        <translation>REGISTER 应答 {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REGISTER failed with {code}</source>
        <translation>REGISTER 失败，状态码 {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server failed</source>
        <translation>服务器故障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server answers again: registering there</source>
        <translation>服务器恢复应答：重新在该服务器注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{cause}; every server is down: trying again</source>
        <translation>{cause}；所有服务器均不可用：正在重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{cause}; every server is down</source>
        <translation>{cause}；所有服务器均不可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fail back: preferred server healthy for {seconds} s</source>
        <translation>切回：首选服务器已正常 {seconds} 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the DNS answer order changed: first address is {ip}</source>
        <translation>DNS 应答顺序已变化：第一个地址是 {ip}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>retry after failure (no failover)</source>
        <translation>失败后重试（不做故障切换）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP connection refused (nothing listens on the port)</source>
        <translation>TCP 连接被拒绝（该端口没有服务在监听）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no answer to the TCP connection (down, frozen or filtered)</source>
        <translation>TCP 连接无应答（服务器宕机、卡死或被过滤）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>connected, but no answer to the TLS handshake</source>
        <translation>已连接，但 TLS 握手无应答</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>connected, but no SIP answer</source>
        <translation>已连接，但没有 SIP 应答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server closed the connection before answering</source>
        <translation>服务器在应答前关闭了连接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TLS: certificate from an authority softdiag does not trust</source>
        <translation>TLS：证书来自 softdiag 不信任的颁发机构</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TLS: certificate not made out to the server&apos;s name</source>
        <translation>TLS：证书不是颁发给该服务器名称的</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TLS: certificate expired or not yet valid</source>
        <translation>TLS：证书已过期或尚未生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS: the server offers only an old TLS version</source>
        <translation>TLS：服务器只提供旧版 TLS</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TLS: handshake failed</source>
        <translation>TLS：握手失败</translation>
    </message>
</context>
<context>
    <name>RegistrationPanel</name>
    <message>
        <location filename="../../ui/registration_panel.py" line="+38"/>
        <source>Registration</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Our address as the server saw it (Via received/rport): the NAT mapping</source>
        <translation>服务器看到的我方地址（Via received/rport）：即 NAT 映射</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport:</source>
        <translation>传输：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last response:</source>
        <translation>最近响应：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires in:</source>
        <translation>剩余有效期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public address:</source>
        <translation>公网地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last failover:</source>
        <translation>最近切换：</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{server} (registrar {name})</source>
        <translation>{server}（注册服务器 {name}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+29"/>
        <source>waiting for an answer…</source>
        <translation>正在等待应答…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>nowhere</source>
        <translation>无处可去</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{time} {source} → {destination}: {reason}</source>
        <translation>{time} {source} → {destination}：{reason}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>refresh due</source>
        <translation>即将刷新</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{remaining} s (of {expires} s)</source>
        <translation>{remaining} 秒（共 {expires} 秒）</translation>
    </message>
</context>
<context>
    <name>RegistrationTimeline</name>
    <message>
        <location filename="../../ui/timeline.py" line="+662"/>
        <source>No servers yet: register to see which server holds the registration.</source>
        <translation>暂无服务器：注册后可在此查看注册位于哪台服务器。</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>nowhere</source>
        <translation>无处可去</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{time}  Incoming call from {caller}</source>
        <translation>{time}  来电：{caller}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>through {server}</source>
        <translation>经过 {server}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not through {server}, where softdiag is registered</source>
        <translation>而不是经过 softdiag 注册所在的 {server}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{time}  Failover decision ({policy})</source>
        <translation>{time}  故障切换决定（{policy}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{source} → {destination}</source>
        <translation>{source} → {destination}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Evidence:</source>
        <translation>证据：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{time}  REGISTER through {server} failed: {response}</source>
        <translation>{time}  经 {server} 的 REGISTER 失败：{response}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server asked to retry after {seconds} s</source>
        <translation>服务器要求 {seconds} 秒后重试</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{time}  Failover policy changed to {policy}</source>
        <translation>{time}  故障切换策略改为 {policy}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It was {policy} before</source>
        <translation>之前为 {policy}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Registered through {server}</source>
        <translation>经 {server} 注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{start} – {end} ({duration})</source>
        <translation>{start} – {end}（{duration}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refreshed {count} time(s)</source>
        <translation>已刷新 {count} 次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ended: registered through another server</source>
        <translation>结束：已改经另一台服务器注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended: a REGISTER failed</source>
        <translation>结束：REGISTER 失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended: unregistered</source>
        <translation>结束：已注销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended: the account was stopped</source>
        <translation>结束：账户已停止</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{time}  REGISTER through {server}</source>
        <translation>{time}  经 {server} 发送 REGISTER</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting for an answer for {duration}</source>
        <translation>已等待应答 {duration}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Given up after {duration}</source>
        <translation>{duration} 后放弃</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted after {duration}</source>
        <translation>{duration} 后被接受</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ended after {duration}: {response}</source>
        <translation>{duration} 后结束：{response}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Registrar: {name}</source>
        <translation>注册服务器：{name}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} 分 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../ui/device_wizard.py" line="+245"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Use these devices for calls</source>
        <translation>通话时使用这些设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the result</source>
        <translation>复制结果</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Details for support:</source>
        <translation>供技术支持查看的详情：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The check has not run yet.</source>
        <translation>检测尚未运行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Problem found</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Works, with a warning</source>
        <translation>可以使用，但有警告</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All good</source>
        <translation>一切正常</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check took {0} s</source>
        <translation>检测用时 {0} 秒</translation>
    </message>
</context>
<context>
    <name>SdpView</name>
    <message>
        <location filename="../../ui/sdp_view.py" line="+116"/>
        <source>What the SDP says</source>
        <translation>SDP 分析结果</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No SDP yet: the offer and the answer appear here.</source>
        <translation>还没有 SDP：offer 和 answer 会显示在这里。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Analysing the offer and the answer…</source>
        <translation>正在分析 offer 和 answer…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing wrong in this offer and answer.</source>
        <translation>这组 offer 和 answer 没有问题。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} finding(s), the worst first. Choose one to see its lines.</source>
        <translation>{count} 个发现，最严重的在前。选择一个即可查看对应的行。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Offer (sent by softdiag)</source>
        <translation>Offer（softdiag 发出）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer (received)</source>
        <translation>Answer（收到）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offer (received)</source>
        <translation>Offer（收到）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer (sent by softdiag)</source>
        <translation>Answer（softdiag 发出）</translation>
    </message>
</context>
<context>
    <name>ServersPanel</name>
    <message>
        <location filename="../../ui/servers_panel.py" line="+60"/>
        <source>The order the DNS server returned the addresses in; it may change per query</source>
        <translation>DNS 服务器返回地址的顺序；每次查询都可能不同</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change it in the Account group: it applies at once, without re-registering</source>
        <translation>在“账户”中更改：立即生效，无需重新注册</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Registration timeline</source>
        <translation>注册时间线</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>last {minutes} min</source>
        <translation>最近 {minutes} 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much time the timeline shows</source>
        <translation>时间线显示的时长</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>registered</source>
        <translation>已注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REGISTER in flight</source>
        <translation>REGISTER 进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failover decision</source>
        <translation>故障切换决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed REGISTER</source>
        <translation>REGISTER 失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>policy changed</source>
        <translation>策略变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>… through another server</source>
        <translation>…经过其他服务器</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No DNS answer yet</source>
        <translation>尚无 DNS 应答</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>DNS answer order: {order}</source>
        <translation>DNS 应答顺序：{order}</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>{domain} ({transport}): {count} target(s) from DNS {nameserver}</source>
        <translation>{domain}（{transport}）：来自 DNS {nameserver} 的 {count} 个目标</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Failover policy: {policy}</source>
        <translation>故障切换策略：{policy}</translation>
    </message>
</context>
<context>
    <name>ServersView</name>
    <message>
        <location filename="../../ui/servers_view.py" line="+130"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport</source>
        <translation>传输</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prio/weight</source>
        <translation>优先级/权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RTT</source>
        <translation>往返时延</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last code</source>
        <translation>最近状态码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back-off</source>
        <translation>回避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registration</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The name DNS gave for this address (SRV target)</source>
        <translation>DNS 为此地址给出的名称（SRV 目标）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SRV priority / weight: lower priority is tried first</source>
        <translation>SRV 优先级/权重：优先级数值越小越先尝试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round-trip time of the latest SIP OPTIONS probe</source>
        <translation>最近一次 SIP OPTIONS 探测的往返时延</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the failover policy believes; hover a cell for why</source>
        <translation>故障切换策略的判断；将鼠标悬停在单元格上可查看原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last SIP answer from this server (probe or REGISTER)</source>
        <translation>此服务器最近的 SIP 应答（探测或 REGISTER）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How long the policy still avoids this server (back-off or Retry-After)</source>
        <translation>策略还将回避此服务器多久（退避或 Retry-After）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the account is registered, or being moved to</source>
        <translation>账户注册在哪里，或正在迁移到哪里</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>{host} (from {source}, TTL {ttl} s)</source>
        <translation>{host}（来自 {source}，TTL {ttl} 秒）</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+111"/>
        <source>{ms} ms</source>
        <translation>{ms} 毫秒</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Not probed yet</source>
        <translation>尚未探测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last probe: {result}</source>
        <translation>最近探测：{result}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered by: {name}</source>
        <translation>应答方：{name}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>registered here</source>
        <translation>已在此注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last REGISTER through this server was accepted</source>
        <translation>经此服务器的最近一次 REGISTER 已被接受</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REGISTER failed</source>
        <translation>REGISTER 失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last REGISTER through this server failed</source>
        <translation>经此服务器的最近一次 REGISTER 失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The failover policy still sends the account here</source>
        <translation>故障切换策略仍将账户发往此服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>registering here</source>
        <translation>正在此注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The failover policy registers the account through this server</source>
        <translation>故障切换策略正经此服务器注册账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>moving here</source>
        <translation>正在迁移至此</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The failover policy is moving the account to this server; its REGISTER has not been accepted yet</source>
        <translation>故障切换策略正在将账户迁移到此服务器；其 REGISTER 尚未被接受</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+35"/>
        <source>avoided for {seconds} s</source>
        <translation>回避 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>SpeakPage</name>
    <message>
        <location filename="../../ui/device_wizard.py" line="-180"/>
        <source>Speak into your microphone</source>
        <translation>对着麦克风说话</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Green: a good speaking level. Yellow: loud. Red: too loud, the other party hears distortion. No movement at all: the microphone sends nothing.</source>
        <translation>绿色：音量合适。黄色：偏大。红色：太大，对方会听到失真。完全不动：麦克风没有送出任何声音。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Say a few words in your normal voice, for example count from one to five. The bar should move well into the green while you speak into {input}.</source>
        <translation>用平常的声音说几句话，例如从一数到五。对着 {input} 说话时，音量条应当明显进入绿色区域。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The microphone could not be opened: {0}</source>
        <translation>无法打开麦克风：{0}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Silence</source>
        <translation>静音</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} dBFS</source>
        <translation>{0} dBFS</translation>
    </message>
</context>
<context>
    <name>TonePage</name>
    <message>
        <location line="-218"/>
        <source>Listen for the test tone</source>
        <translation>听测试音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play the test tone</source>
        <translation>播放测试音</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Yes, I heard a rising tone</source>
        <translation>是的，我听到了一段升调的声音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No, I heard nothing</source>
        <translation>没有，我什么也没听到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I heard it, but from another device</source>
        <translation>听到了，但是从另一个设备发出的</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pick up or put on your {device}, then play the tone. It plays on {output} while softdiag listens on {input}.</source>
        <translation>拿起或戴上你的{device}，然后播放测试音。声音在 {output} 上播放，同时 softdiag 在 {input} 上收听。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Do you hear the tone in your {device}?</source>
        <translation>你的{device}里能听到测试音吗？</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Playing the tone… listen now.</source>
        <translation>正在播放测试音…请注意听。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Play the tone again</source>
        <translation>再播放一次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The check could not use {device}. Go on to see why.</source>
        <translation>检测无法使用 {device}。请继续查看原因。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The tone played for {0} s.</source>
        <translation>测试音播放了 {0} 秒。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The tone could not be played: {0}</source>
        <translation>无法播放测试音：{0}</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../ui/welcome.py" line="+51"/>
        <location line="+7"/>
        <source>Welcome to softdiag</source>
        <translation>欢迎使用 softdiag</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>softdiag signs in to your SIP provider and shows every step: how the domain resolves, how each server answers, where you are registered.</source>
        <translation>softdiag 登录您的 SIP 服务商并展示每一步：域名如何解析、每台服务器如何应答、您注册在哪里。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>It shows what the servers see of your network (NAT) and places test calls with level meters, and it checks your headset or handset.</source>
        <translation>它显示服务器看到的您的网络（NAT），用电平表进行测试通话，并检查您的耳机或手柄。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When something is wrong it names the likely cause in plain words, and keeps everything it saw for support.</source>
        <translation>出现问题时，它用平实的话指出可能的原因，并保留所见的一切供技术支持使用。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter my account</source>
        <translation>输入我的账号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a check profile</source>
        <translation>打开检查配置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the guided check a support engineer sent you as a profile file</source>
        <translation>运行技术支持工程师以配置文件形式发给你的引导检查</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try the demo lab</source>
        <translation>试用演示实验室</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start test servers on this computer (loopback only) and register a demo account against them</source>
        <translation>在本机启动测试服务器（仅限回环地址），并用演示账号向其注册</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No network connection: only the demo lab can be reached.</source>
        <translation>没有网络连接：只能访问演示实验室。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No sound server (PulseAudio or PipeWire): test calls and the device check will hear nothing.</source>
        <translation>没有声音服务器（PulseAudio 或 PipeWire）：测试通话和设备检查将听不到任何声音。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No keychain: your password is kept for this session only, never written to disk.</source>
        <translation>没有钥匙串：您的密码只在本次会话中保留，绝不写入磁盘。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Missing on this computer:</source>
        <translation>本机缺少：</translation>
    </message>
</context>
</TS>
