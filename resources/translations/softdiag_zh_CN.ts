<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/windows/about_dialog.py" line="+34"/>
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
        <location filename="../../ui/panels/account_form.py" line="+55"/>
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
        <location filename="../../ui/windows/bundle_ui.py" line="+190"/>
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
        <location filename="../../ui/panels/call_panel.py" line="+270"/>
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
        <location filename="../../ui/windows/check_dialog.py" line="+119"/>
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
    <name>DeviceWizard</name>
    <message>
        <location filename="../../ui/windows/device_wizard.py" line="+74"/>
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
        <location filename="../../ui/panels/event_log.py" line="+128"/>
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
        <location filename="../../ui/texts/events.py" line="+60"/>
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
        <location line="+21"/>
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
        <location filename="../../ui/windows/bundle_ui.py" line="-329"/>
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
        <location filename="../../ui/texts/failover_texts.py" line="+52"/>
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
    <name>FindingsPanel</name>
    <message>
        <location filename="../../ui/panels/findings_panel.py" line="+35"/>
        <source>Findings</source>
        <translation>诊断结果</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{finding} — resolved at {time}</source>
        <translation>{finding} — 已于 {time} 解决</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No findings yet: they appear here as they are made.</source>
        <translation>暂无诊断结果：得出结论后会显示在这里。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Resolved at {time}: its condition has ended.</source>
        <translation>已于 {time} 解决：其条件已不再成立。</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <location filename="../../ui/windows/first_start.py" line="+44"/>
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
        <location filename="../../ui/texts/check_texts.py" line="+25"/>
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
        <location filename="../../ui/windows/bundle_ui.py" line="+147"/>
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
        <location filename="../../ui/panels/incoming_call.py" line="+37"/>
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
        <location filename="../../ui/windows/ladder.py" line="+416"/>
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
        <location filename="../../ui/panels/call_panel.py" line="-483"/>
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
        <location filename="../../ui/windows/main_window.py" line="+225"/>
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
        <location line="+107"/>
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
        <location line="+8"/>
        <source>Registration cancelled.</source>
        <translation>注册已取消。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unregister: {error}</source>
        <translation>注销：{error}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Failover policy: {error}</source>
        <translation>故障切换策略：{error}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the server did not confirm</source>
        <translation>服务器未确认</translation>
    </message>
    <message>
        <location line="+29"/>
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
    <name>NatPanel</name>
    <message>
        <location filename="../../ui/panels/nat_panel.py" line="+352"/>
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
        <location filename="../../ui/texts/nat_texts.py" line="+47"/>
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
        <location line="+24"/>
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
    <name>RegistrationPanel</name>
    <message>
        <location filename="../../ui/panels/registration_panel.py" line="+39"/>
        <source>Registration</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+20"/>
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
        <location line="+45"/>
        <source>{response} (retry after {seconds} s)</source>
        <translation>{response}（{seconds} 秒后重试）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{server} (registrar {name})</source>
        <translation>{server}（注册服务器 {name}）</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+49"/>
        <source>waiting for an answer…</source>
        <translation>正在等待应答…</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location filename="../../ui/panels/timeline.py" line="+647"/>
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
        <location filename="../../ui/windows/device_wizard.py" line="+247"/>
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
        <location filename="../../ui/panels/sdp_view.py" line="+116"/>
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
        <location filename="../../ui/panels/servers_panel.py" line="+68"/>
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
        <location line="+72"/>
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
        <location filename="../../ui/panels/servers_view.py" line="+118"/>
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
        <location line="+124"/>
        <source>{host} (from {source}, TTL {ttl} s)</source>
        <translation>{host}（来自 {source}，TTL {ttl} 秒）</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+122"/>
        <source>{ms} ms</source>
        <translation>{ms} 毫秒</translation>
    </message>
    <message>
        <location line="-111"/>
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
        <location line="+21"/>
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
        <location line="+4"/>
        <source>binding may remain</source>
        <translation>旧绑定可能仍在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The account was registered through this server and has left it since; the server may keep the old binding until it expires</source>
        <translation>账户曾通过此服务器注册，之后已离开；该服务器可能保留旧绑定直至其过期</translation>
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
        <location filename="../../ui/windows/device_wizard.py" line="-182"/>
        <source>Speak into your microphone</source>
        <translation>对着麦克风说话</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Green: a good speaking level. Yellow: loud. Red: too loud, the other party hears distortion. No movement at all: the microphone sends nothing.</source>
        <translation>绿色：音量合适。黄色：偏大。红色：太大，对方会听到失真。完全不动：麦克风没有送出任何声音。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Say a few words in your normal voice, for example count from one to five. The bar should move well into the green while you speak into {input}.</source>
        <translation>用平常的声音说几句话，例如从一数到五。对着 {input} 说话时，音量条应当明显进入绿色区域。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The microphone could not be opened: {0}</source>
        <translation>无法打开麦克风：{0}</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="-220"/>
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
        <location filename="../../ui/windows/welcome.py" line="+51"/>
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
