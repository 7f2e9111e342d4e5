<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../ui/account_form.py" line="+50"/>
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
        <location line="+10"/>
        <location line="+92"/>
        <location line="+1"/>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="-80"/>
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
        <source>Failover:</source>
        <translation>故障切换：</translation>
    </message>
    <message>
        <location line="+43"/>
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
    <name>EventLogModel</name>
    <message>
        <location filename="../../ui/event_log.py" line="+125"/>
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
        <location filename="../../ui/texts.py" line="+52"/>
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
        <location line="+19"/>
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
        <location line="+17"/>
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
        <source>Evidence:</source>
        <translation>证据：</translation>
    </message>
    <message>
        <location line="-7"/>
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
    <name>FailoverText</name>
    <message>
        <location filename="../../ui/failover_texts.py" line="+100"/>
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
        <source>No system keychain: the password is kept for this run only</source>
        <translation>没有系统钥匙串：密码仅在本次运行期间保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install and unlock a keychain (e.g. GNOME Keyring) to save passwords.</source>
        <translation>安装并解锁一个钥匙串（例如 GNOME Keyring）即可保存密码。</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../ui/findings_panel.py" line="+28"/>
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
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+179"/>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <location line="+64"/>
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
        <location line="+60"/>
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
        <location line="+25"/>
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
        <location line="+30"/>
        <source>Could not save the settings: {error}</source>
        <translation>无法保存设置：{error}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Stopping the SIP engine…</source>
        <translation>正在停止 SIP 引擎…</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../ui/failover_texts.py" line="-80"/>
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
        <location filename="../../ui/timeline.py" line="+623"/>
        <source>No servers yet: register to see which server holds the registration.</source>
        <translation>暂无服务器：注册后可在此查看注册位于哪台服务器。</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>nowhere</source>
        <translation>无处可去</translation>
    </message>
    <message>
        <location line="+9"/>
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
    <name>ServersPanel</name>
    <message>
        <location filename="../../ui/servers_panel.py" line="+53"/>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+23"/>
        <location line="+112"/>
        <source>{ms} ms</source>
        <translation>{ms} 毫秒</translation>
    </message>
    <message>
        <location line="-101"/>
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
        <location line="+17"/>
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
</TS>
