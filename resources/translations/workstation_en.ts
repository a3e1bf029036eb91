<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="20"/>
        <source>开户/转户</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="23"/>
        <source>办理新开户与转户申请：柜员经办，复核岗复核，全程留痕。</source>
        <translation>New accounts and transfers in: a clerk prepares, a reviewer checks, every step recorded.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="26"/>
        <source>草稿中的申请</source>
        <translation>Applications in draft</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="26"/>
        <source>待复核的申请</source>
        <translation>Applications awaiting review</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="26"/>
        <source>正常状态客户</source>
        <translation>Active clients</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="33"/>
        <source>分步向导：身份证件、基本信息、风险测评、适当性匹配、三方存管</source>
        <translation>Step-by-step wizard: ID document, personal details, risk questionnaire, suitability match, bank custody</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="34"/>
        <source>转户：沪市撤销指定、深市转托管的逐项办理与提醒</source>
        <translation>Transfer in: Shanghai de-designation and Shenzhen custody transfer, step by step with reminders</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="35"/>
        <source>复核队列：经办人与复核人不得为同一人</source>
        <translation>Review queue: the reviewer is never the clerk who prepared the application</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../workstation/ui/password.py" line="45"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/password.py" line="53"/>
        <source>修改 %1 的登录密码</source>
        <translation>Change the password of %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/password.py" line="61"/>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/password.py" line="62"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/password.py" line="63"/>
        <source>再次输入新密码</source>
        <translation>Repeat new password</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/password.py" line="65"/>
        <source>新密码至少 8 位，须同时包含字母和数字。</source>
        <translation>At least 8 characters, with both letters and digits.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/password.py" line="75"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/password.py" line="77"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/password.py" line="102"/>
        <source>请填写原密码和新密码。</source>
        <translation>Enter the current and the new password.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/password.py" line="105"/>
        <source>两次输入的新密码不一致。</source>
        <translation>The two new passwords differ.</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="20"/>
        <source>单据</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="23"/>
        <source>查找、补打已生成的单据，跟踪纸质资料的签字、扫描与归档。</source>
        <translation>Find and reprint documents; track signing, scanning and archiving of the paper copies.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="26"/>
        <source>待回收归档的纸质单据</source>
        <translation>Paper documents to collect and archive</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="33"/>
        <source>按客户、单据类型或日期查找单据并预览</source>
        <translation>Find documents by client, type or date, and preview them</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="34"/>
        <source>补打单据（记录补打原因与操作人）</source>
        <translation>Reprint a document (reason and staff member recorded)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="35"/>
        <source>纸质资料状态：已打印、已签字、已扫描、已寄送总部、已归档</source>
        <translation>Paper status: printed, signed, scanned, sent to head office, archived</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <location filename="../../workstation/ui/errors.py" line="72"/>
        <source>数据库不可用</source>
        <translation>Database unavailable</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/errors.py" line="78"/>
        <source>同步失败</source>
        <translation>Synchronisation failed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/errors.py" line="82"/>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/errors.py" line="84"/>
        <source>程序出现意外错误，已记录日志。请重试；如果反复出现，请联系技术支持。</source>
        <translation>Something unexpected went wrong and has been logged. Please try again; if it keeps happening, contact support.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/errors.py" line="87"/>
        <source>意外错误</source>
        <translation>Unexpected error</translation>
    </message>
</context>
<context>
    <name>GiftsPage</name>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="20"/>
        <source>礼品</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="23"/>
        <source>按营销活动规则发放礼品：核对资格与限额，客户签收，复核人确认。</source>
        <translation>Issue campaign gifts by the rules: check eligibility and caps, client signs, reviewer confirms.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="26"/>
        <source>进行中的活动</source>
        <translation>Running campaigns</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="26"/>
        <source>待客户签收</source>
        <translation>Awaiting client signature</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="33"/>
        <source>按客户查询可领礼品，每位客户每个活动限领一次</source>
        <translation>See which gifts a client may receive: one per client per campaign</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="34"/>
        <source>打印礼品签收单，发放人与复核人分离</source>
        <translation>Print the gift receipt; issuer and reviewer are different people</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="35"/>
        <source>查看本营业部礼品库存与出入库记录</source>
        <translation>Gift stock at this branch and its movements</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../workstation/ui/idle.py" line="89"/>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idle.py" line="104"/>
        <source>输入密码解锁</source>
        <translation>Password to unlock</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idle.py" line="106"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idle.py" line="126"/>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idle.py" line="141"/>
        <source>%1（工号 %2）离开了工作站。请输入密码继续。</source>
        <translation>%1 (staff no. %2) stepped away. Enter the password to continue.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../workstation/ui/login.py" line="58"/>
        <source>证券营业部前台工作站 — 登录</source>
        <translation>Counter Workstation — Log in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="72"/>
        <source>证券营业部前台工作站</source>
        <translation>Counter Workstation</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="74"/>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="89"/>
        <source>例如 C001</source>
        <translation>e.g. C001</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="95"/>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="96"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="108"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="110"/>
        <location filename="../../workstation/ui/login.py" line="158"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="158"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="169"/>
        <source>请输入工号。</source>
        <translation>Enter your staff number.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="80"/>
        <source>证券营业部前台工作站 — %1</source>
        <translation>Counter Workstation — %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="99"/>
        <source>业务导航</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="107"/>
        <location filename="../../workstation/ui/main_window.py" line="137"/>
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="109"/>
        <location filename="../../workstation/ui/main_window.py" line="138"/>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="136"/>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="141"/>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="146"/>
        <source>工作站(&amp;W)</source>
        <translation>&amp;Workstation</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../workstation/ui/page.py" line="128"/>
        <source>本页即将提供</source>
        <translation>Coming to this page</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/page.py" line="142"/>
        <source>正在读取今日数据…</source>
        <translation>Reading today&apos;s figures…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/page.py" line="158"/>
        <source>以上为 %1 本营业部数据。</source>
        <translation>Figures for this branch on %1.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/page.py" line="163"/>
        <source>暂时无法读取今日数据，详情已记录日志。</source>
        <translation>Today&apos;s figures cannot be read just now; the details have been logged.</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../workstation/ui/pages.py" line="49"/>
        <source>接待</source>
        <translation>Reception</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="50"/>
        <source>开户/转户</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="51"/>
        <source>礼品</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="52"/>
        <source>单据</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="53"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="54"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="20"/>
        <source>接待</source>
        <translation>Reception</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="23"/>
        <source>为到店客户取号、为电销预约客户签到，并指引客户前往柜台。</source>
        <translation>Queue tickets for walk-in clients, check-in for booked clients, and directions to the counters.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="26"/>
        <source>今日预约</source>
        <translation>Appointments today</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="26"/>
        <source>预约已签到</source>
        <translation>Appointments checked in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="26"/>
        <source>正在等候</source>
        <translation>Waiting now</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="26"/>
        <source>今日到店</source>
        <translation>Visits today</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="38"/>
        <source>按姓名、拼音首字母或手机号查找今日预约并签到</source>
        <translation>Find today&apos;s appointments by name, pinyin initials or mobile number, and check in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="39"/>
        <source>新开户 A、转户 B、其他业务 C、电销 T 分线取号与叫号</source>
        <translation>Tickets and calling by line: A new account, B transfer in, C other, T telesales</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="40"/>
        <source>电销坐席登记预约，并查看客户到店情况</source>
        <translation>Telesales agents book appointments and see who has arrived</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="41"/>
        <source>为客户打印营业部位置与交通指引</source>
        <translation>Print the branch&apos;s location and directions for clients</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="20"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="23"/>
        <source>营业部当日业务量、开户与转户、礼品发放及电销预约到店情况。</source>
        <translation>The branch&apos;s day: visits, accounts opened and transferred, gifts issued, telesales appointments kept.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="27"/>
        <source>今日到店</source>
        <translation>Visits today</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="28"/>
        <source>今日预约</source>
        <translation>Appointments today</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="29"/>
        <source>待复核的申请</source>
        <translation>Applications awaiting review</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="30"/>
        <source>待客户签收礼品</source>
        <translation>Gifts awaiting signature</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="31"/>
        <source>待上传的记录</source>
        <translation>Records waiting to upload</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="32"/>
        <source>正常状态客户</source>
        <translation>Active clients</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="47"/>
        <source>按日期区间统计，导出 Excel</source>
        <translation>Figures for any date range, exported to Excel</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="48"/>
        <source>电销坐席邀约到店与开户转化</source>
        <translation>Telesales invitations, visits and accounts opened</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="49"/>
        <source>礼品发放汇总与库存对账</source>
        <translation>Gift issue totals and stock reconciliation</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../workstation/ui/pages.py" line="58"/>
        <source>前台接待</source>
        <translation>Reception</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="59"/>
        <source>柜员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="60"/>
        <source>复核</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="61"/>
        <source>主管</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="62"/>
        <source>电销坐席</source>
        <translation>Telesales</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="63"/>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/pages.py" line="80"/>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="20"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="23"/>
        <source>与中心数据库交换数据：上传本营业部业务记录，下载预约、活动与人员信息。</source>
        <translation>Exchange data with the central database: upload this branch&apos;s records, download appointments, campaigns and staff.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="26"/>
        <source>待上传的记录</source>
        <translation>Records waiting to upload</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="33"/>
        <source>手动或定时同步，显示最近一次同步的时间与结果</source>
        <translation>Synchronise on demand or on a schedule; see when the last sync ran and how it went</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="34"/>
        <source>断网时照常办理业务，恢复连接后自动补传</source>
        <translation>Keep working offline; records upload when the connection is back</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="35"/>
        <source>查看并处理上传失败的记录</source>
        <translation>Review and resolve records that failed to upload</translation>
    </message>
</context>
<context>
    <name>WorkstationStatusBar</name>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="23"/>
        <source>%1（%2）%3</source>
        <translation>%1 (%2) %3</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="44"/>
        <source>已连接中心</source>
        <translation>Connected to central</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="44"/>
        <source>未连接中心</source>
        <translation>Not connected to central</translation>
    </message>
</context>
</TS>
