<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../workstation/ui/about.py" line="17"/>
        <source>版本 %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/about.py" line="21"/>
        <source>安装包</source>
        <translation>Package</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/about.py" line="23"/>
        <source>证券营业部前台工作站</source>
        <translation>Counter Workstation</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/about.py" line="31"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
</context>
<context>
    <name>AccountColumns</name>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="36"/>
        <source>新开户</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="38"/>
        <source>转户</source>
        <translation>Transfer-in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="44"/>
        <source>复核退回</source>
        <translation>Returned by review</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="46"/>
        <source>本人办理中</source>
        <translation>Mine, in progress</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="48"/>
        <source>电销预填，待柜台办理</source>
        <translation>Pre-filled by telesales, waiting</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="50"/>
        <source>其他柜员办理中</source>
        <translation>Another clerk&apos;s</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="55"/>
        <location filename="../../workstation/ui/accounts/models.py" line="73"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="57"/>
        <location filename="../../workstation/ui/accounts/models.py" line="74"/>
        <location filename="../../workstation/ui/accounts/models.py" line="85"/>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="58"/>
        <source>（未录入）</source>
        <translation>(not entered)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="60"/>
        <location filename="../../workstation/ui/accounts/models.py" line="75"/>
        <source>证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="61"/>
        <source>停在</source>
        <translation>Stopped at</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="63"/>
        <source>情况</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="67"/>
        <location filename="../../workstation/ui/accounts/models.py" line="76"/>
        <source>经办</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="68"/>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="72"/>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="78"/>
        <source>须关注</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="79"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="86"/>
        <source>申请状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="88"/>
        <source>未完成事项</source>
        <translation>Open tasks</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="101"/>
        <source>事项</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="102"/>
        <location filename="../../workstation/ui/accounts/models.py" line="123"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="103"/>
        <source>完成时间</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="104"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="108"/>
        <source>单据编号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="109"/>
        <source>文件</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="110"/>
        <source>纸质件</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="111"/>
        <source>生成时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="115"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="116"/>
        <source>号票</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="117"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="121"/>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="122"/>
        <source>礼品</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/models.py" line="124"/>
        <source>发放时间</source>
        <translation>Issued</translation>
    </message>
</context>
<context>
    <name>AccountFields</name>
    <message>
        <location filename="../../workstation/ui/accounts/fields.py" line="111"/>
        <source>添加一行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/fields.py" line="112"/>
        <source>删除所选行</source>
        <translation>Delete selected rows</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/fields.py" line="129"/>
        <location filename="../../workstation/ui/accounts/fields.py" line="190"/>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="39"/>
        <source>客户姓名</source>
        <translation>Client name</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="41"/>
        <source>与证件一致，生僻字可用输入法输入</source>
        <translation>As on the ID; type rare characters with the input method</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="45"/>
        <location filename="../../workstation/ui/accounts/specs.py" line="79"/>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="53"/>
        <location filename="../../workstation/ui/accounts/specs.py" line="80"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="55"/>
        <source>18 位身份证号码，末位可为 X</source>
        <translation>18-digit resident ID; the last may be X</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="57"/>
        <source>性别（身份证可不选，按号码）</source>
        <translation>Sex (optional for a resident ID: taken from the number)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="58"/>
        <source>出生日期（身份证可不填）</source>
        <translation>Birth date (optional for a resident ID)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="61"/>
        <source>国籍</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="62"/>
        <source>3 位代码，默认 CHN</source>
        <translation>3-letter code, CHN by default</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="65"/>
        <source>民族</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="65"/>
        <source>如 汉族</source>
        <translation>e.g. Han</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="67"/>
        <source>签发机关</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="68"/>
        <source>证件有效期起</source>
        <translation>ID valid from</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="69"/>
        <source>证件有效期止</source>
        <translation>ID valid until</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="70"/>
        <source>长期有效（不填有效期止）</source>
        <translation>Open-ended (no end date)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="71"/>
        <source>证件地址</source>
        <translation>Address on the ID</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="77"/>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="78"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="81"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="82"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="83"/>
        <source>与本人关系</source>
        <translation>Relationship to the client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="88"/>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="90"/>
        <source>中国大陆 11 位手机号</source>
        <translation>11-digit mainland China mobile number</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="92"/>
        <source>固定电话</source>
        <translation>Landline</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="93"/>
        <source>电子邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="94"/>
        <source>邮政编码</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="95"/>
        <source>联系地址</source>
        <translation>Contact address</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="96"/>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="97"/>
        <source>职业说明（选“其他”时必填）</source>
        <translation>Occupation details (required for “Other”)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="98"/>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="99"/>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="100"/>
        <source>客户来源渠道</source>
        <translation>Client channel</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="101"/>
        <source>拟存入资产（元）</source>
        <translation>Planned deposit (CNY)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="102"/>
        <source>受益所有人为本人</source>
        <translation>The client is the beneficial owner</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="103"/>
        <source>实际控制人为本人</source>
        <translation>The client is the actual controller</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="106"/>
        <source>受益所有人 / 实际控制人（非本人时填写）</source>
        <translation>Beneficial owner / actual controller (if not the client)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="110"/>
        <source>存在不良诚信记录</source>
        <translation>Has a poor credit record</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="111"/>
        <source>诚信记录说明</source>
        <translation>Credit record details</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="117"/>
        <source>证券代码</source>
        <translation>Security code</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="118"/>
        <source>证券名称</source>
        <translation>Security name</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="119"/>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="122"/>
        <source>原证券公司及营业部</source>
        <translation>Previous broker and branch</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="125"/>
        <source>一码通账户</source>
        <translation>CSDC master account</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="127"/>
        <source>12 位数字</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="131"/>
        <source>上海A股账户</source>
        <translation>Shanghai A-share account</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="132"/>
        <source>A 加 9 位数字</source>
        <translation>A followed by 9 digits</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="136"/>
        <source>深圳A股账户</source>
        <translation>Shenzhen A-share account</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="137"/>
        <source>0 开头 10 位数字</source>
        <translation>10 digits starting with 0</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="139"/>
        <source>拟转入资产（元）</source>
        <translation>Assets to transfer in (CNY)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="142"/>
        <source>办理深圳转托管（有深市持仓时勾选）</source>
        <translation>Shenzhen custody transfer (tick if holding SZ securities)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="146"/>
        <source>深圳转托管证券清单</source>
        <translation>Shenzhen securities to transfer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="147"/>
        <source>挽留与沟通记录</source>
        <translation>Retention and contact notes</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="155"/>
        <source>沿用客户仍在有效期内的测评结果（不重新作答）</source>
        <translation>Keep the client&apos;s valid assessment (no new questionnaire)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="159"/>
        <source>拟投资期限</source>
        <translation>Investment horizon</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="160"/>
        <source>拟投资品种</source>
        <translation>Intended products</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="161"/>
        <source>申请认定为专业投资者</source>
        <translation>Apply for professional investor status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="162"/>
        <source>金融资产（元）</source>
        <translation>Financial assets (CNY)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="163"/>
        <source>近 3 年年均收入（元）</source>
        <translation>Average annual income, last 3 years (CNY)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="164"/>
        <source>投资经历（年）</source>
        <translation>Investment experience (years)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="173"/>
        <source>客户申请的业务（括号内为产品风险等级）</source>
        <translation>Services applied for (product risk level in brackets)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="180"/>
        <source>客户坚持申请不匹配的业务（签署《风险不匹配警示书》）</source>
        <translation>Client insists on mismatched services (signs the Suitability Mismatch Warning)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="183"/>
        <source>双录编号（须双录时必填）</source>
        <translation>Dual recording ref. (required when dual recording applies)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="189"/>
        <source>税收居民国（地区）</source>
        <translation>Tax residence country (region)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="190"/>
        <source>纳税人识别号</source>
        <translation>Taxpayer ID (TIN)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="193"/>
        <source>未提供原因</source>
        <translation>Reason no TIN</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="197"/>
        <source>具体说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="202"/>
        <source>客户已如实填写并签署《个人税收居民身份声明文件》</source>
        <translation>The client has truthfully completed and signed the tax residence self-certification</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="208"/>
        <source>税收居民身份</source>
        <translation>Tax residence</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="214"/>
        <source>英文或拼音姓名（非仅中国税收居民必填）</source>
        <translation>Name in English or pinyin (required unless tax resident in China only)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="215"/>
        <source>出生地（默认按身份证号码）</source>
        <translation>Place of birth (from the ID number by default)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="218"/>
        <source>税收居民国（地区）及纳税人识别号</source>
        <translation>Tax residence countries (regions) and TINs</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="222"/>
        <source>政治公众人物或其亲属</source>
        <translation>Politically exposed person or relative</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="224"/>
        <source>人工调高反洗钱评级（可不选）</source>
        <translation>Raise the AML rating manually (optional)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="226"/>
        <source>调高评级的原因</source>
        <translation>Reason for raising the rating</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="234"/>
        <source>存管银行</source>
        <translation>Custody bank</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="237"/>
        <source>银行卡号</source>
        <translation>Bank card number</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="239"/>
        <source>16–19 位，与卡面逐位核对</source>
        <translation>16–19 digits; check each digit against the card</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="241"/>
        <source>持卡人姓名（须为客户本人）</source>
        <translation>Card holder (must be the client)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="247"/>
        <source>佣金费率（百万分之，留空用本渠道默认）</source>
        <translation>Commission rate (per million; empty: the channel&apos;s default)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="248"/>
        <source>审批主管工号（低于下限时）</source>
        <translation>Approving supervisor&apos;s staff no. (below the floor)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="249"/>
        <source>低于下限的原因</source>
        <translation>Reason for going below the floor</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="257"/>
        <source>开立证券账户</source>
        <translation>Securities accounts to open</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="263"/>
        <source>资金账户币种</source>
        <translation>Fund account currency</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="266"/>
        <source>委托方式</source>
        <translation>Order channels</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="272"/>
        <source>对账单寄送</source>
        <translation>Statement delivery</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="276"/>
        <source>已向客户讲解并由客户签署</source>
        <translation>Explained to the client and signed by the client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/specs.py" line="282"/>
        <source>已核对客户证件原件</source>
        <translation>Original ID checked</translation>
    </message>
</context>
<context>
    <name>AccountSummary</name>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="35"/>
        <source>长期有效</source>
        <translation>Long-term</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="40"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="41"/>
        <source>证件</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="42"/>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="43"/>
        <source>证件有效期至</source>
        <translation>Document valid until</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="48"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="49"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="50"/>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="51"/>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="55"/>
        <source>原券商</source>
        <translation>Previous broker</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="56"/>
        <source>沪A</source>
        <translation>SH A</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="57"/>
        <source>深A</source>
        <translation>SZ A</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="58"/>
        <source>转托管证券</source>
        <translation>Securities to transfer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="61"/>
        <source>（最低类别）</source>
        <translation>(lowest category)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="63"/>
        <source>风险承受能力</source>
        <translation>Risk tolerance</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="64"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="65"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="72"/>
        <source>申请业务</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="74"/>
        <source>不匹配（客户坚持）</source>
        <translation>Mismatched (client insists)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="75"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="77"/>
        <source>双录编号</source>
        <translation>Recording ref.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="83"/>
        <source>反洗钱评级</source>
        <translation>AML rating</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="87"/>
        <source>税收居民身份</source>
        <translation>Tax residence</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="93"/>
        <source>存管银行</source>
        <translation>Custody bank</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="94"/>
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="95"/>
        <source>持卡人</source>
        <translation>Card holder</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="99"/>
        <source>（低于下限，主管已审批）</source>
        <translation>(below floor, approved by supervisor)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="101"/>
        <source>佣金费率</source>
        <translation>Commission rate</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="104"/>
        <source>已签署</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="112"/>
        <source>已完成</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="115"/>
        <source>待确认提示</source>
        <translation>warnings to confirm</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="117"/>
        <source>未完成</source>
        <translation>not done</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="130"/>
        <source>已确认</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/summary.py" line="132"/>
        <source>未确认</source>
        <translation>not confirmed</translation>
    </message>
</context>
<context>
    <name>AccountWizardDialog</name>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="127"/>
        <source>开户/转户向导</source>
        <translation>Account wizard</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="143"/>
        <source>正在打开申请…</source>
        <translation>Opening the application…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="162"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="163"/>
        <source>保存并下一步</source>
        <translation>Save and next</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="166"/>
        <source>关闭（已保存的步骤保留）</source>
        <translation>Close (saved steps are kept)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="202"/>
        <source>无法打开该申请。</source>
        <translation>The application cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="221"/>
        <source>新开户</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="221"/>
        <source>转户</source>
        <translation>Transfer-in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="222"/>
        <source>%1向导</source>
        <translation>%1 wizard</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="225"/>
        <source>复核退回：%1&#x3000;请按意见修改后重新提交。</source>
        <translation>Returned by review: %1  Correct it and submit again.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="228"/>
        <source>%1：每一步点“保存并下一步”即保存草稿，关闭窗口后可在“继续办理”中接着办理。</source>
        <translation>%1: each “Save and next” saves the draft; after closing, continue it from “Continue”.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="259"/>
        <source>核查结果：%1</source>
        <translation>Verification result: %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="267"/>
        <source>正在核查…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="287"/>
        <source>   提交与打印</source>
        <translation>   Submit and print</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="336"/>
        <source>请先完成前面的步骤。</source>
        <translation>Complete the earlier steps first.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="377"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="399"/>
        <source>未保存：请按标红的提示修改。</source>
        <translation>Not saved: correct the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="403"/>
        <source>已保存。请核实下方提示并勾选确认，再点“保存并下一步”。</source>
        <translation>Saved. Check the warnings below, tick to confirm, then “Save and next”.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="407"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="409"/>
        <source>该证件已有客户档案：本申请使用已有客户，不会重复建档。</source>
        <translation>A client with this document is on file: the application uses that client, no duplicate.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="444"/>
        <source>正在提交并生成文件…</source>
        <translation>Submitting and producing the documents…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="463"/>
        <source>已提交复核。资金账号 %1，共 %2 份文件。</source>
        <translation>Submitted for review. Fund account %1, %2 documents.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="472"/>
        <source>预览/打印</source>
        <translation>Preview/print</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="481"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="494"/>
        <source>正在发送到打印机…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="503"/>
        <source>打印失败：%1</source>
        <translation>Printing failed: %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="505"/>
        <source>整套文件已发送到打印机 %1。</source>
        <translation>The whole package was sent to printer %1.</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="43"/>
        <source>开户/转户</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="46"/>
        <source>办理新开户与转户申请：柜员经办，复核岗复核，全程留痕。</source>
        <translation>New accounts and transfers in: a clerk prepares, a reviewer checks, every step recorded.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="49"/>
        <source>草稿中的申请</source>
        <translation>Applications in draft</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="49"/>
        <source>待复核的申请</source>
        <translation>Applications awaiting review</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="49"/>
        <source>正常状态客户</source>
        <translation>Active clients</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="80"/>
        <source>办理</source>
        <translation>Serve</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="87"/>
        <location filename="../../workstation/ui/accounts/page.py" line="147"/>
        <source>复核队列</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="89"/>
        <source>转户进度</source>
        <translation>Transfer progress</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="100"/>
        <source>新开户</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="101"/>
        <source>转户</source>
        <translation>Transfer-in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="108"/>
        <source>未完成的申请</source>
        <translation>Applications in progress</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="111"/>
        <source>本人办理中的排在前面；“电销预填”是电销坐席预约时已录入资料的客户，到店后选中并点“继续办理”，不必重新录入。复核退回的申请修改后重新提交。</source>
        <translation>Your own come first. “Pre-filled by telesales” clients were registered at booking: select and press “Continue”, nothing to retype. Returned applications are corrected and submitted again.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="119"/>
        <source>没有未完成的申请。</source>
        <translation>No applications in progress.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="123"/>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="124"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/page.py" line="192"/>
        <source>请先在列表中选择一份申请。</source>
        <translation>Select an application in the list first.</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="80"/>
        <source>预约登记</source>
        <translation>Book an appointment</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="108"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="111"/>
        <source>客户姓名</source>
        <translation>Client name</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="112"/>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="114"/>
        <source>办理业务</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="115"/>
        <source>预约日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="116"/>
        <source>时段</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="117"/>
        <source>营销活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="118"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="125"/>
        <source>登记预约</source>
        <translation>Book</translation>
    </message>
</context>
<context>
    <name>CampaignList</name>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="65"/>
        <source>活动与礼品目录由总部在中心数据库维护（workstation-cli campaign），同步后在此显示；本机只读。</source>
        <translation>Head office maintains campaigns and gifts in the central database (workstation-cli campaign); they appear here after a sync. Read-only on this workstation.</translation>
    </message>
</context>
<context>
    <name>CentralSettingsDialog</name>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="60"/>
        <source>中心数据库设置</source>
        <translation>Central database settings</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="76"/>
        <source>填写总部提供的中心数据库地址与本营业部账号。密码只保存在本机的系统密钥环中，不写入任何文件。</source>
        <translation>Enter the central database address and this branch&apos;s account given by head office. The password is kept only in this computer&apos;s system keyring, never in a file.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="84"/>
        <source>例如 central.example.com 或 10.0.0.5</source>
        <translation>e.g. central.example.com or 10.0.0.5</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="90"/>
        <source>例如 ws_branch_0101</source>
        <translation>e.g. ws_branch_0101</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="95"/>
        <source>不加密（仅限内网测试）</source>
        <translation>No encryption (internal tests only)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="96"/>
        <source>服务器要求时加密</source>
        <translation>Encrypt if the server requires it</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="97"/>
        <source>优先加密（默认）</source>
        <translation>Prefer encryption (default)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="98"/>
        <source>必须加密</source>
        <translation>Require encryption</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="99"/>
        <source>必须加密并校验证书</source>
        <translation>Require encryption, verify the certificate</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="100"/>
        <source>必须加密并校验证书与主机名</source>
        <translation>Require encryption, verify certificate and host name</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="106"/>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="107"/>
        <source>主机</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="108"/>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="109"/>
        <source>数据库名</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="110"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="111"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="112"/>
        <source>传输加密</source>
        <translation>Encryption (TLS)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="113"/>
        <source>自动同步间隔</source>
        <translation>Automatic sync every</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="121"/>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="122"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="125"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="160"/>
        <source>已保存在系统密钥环（留空则不修改）</source>
        <translation>Saved in the system keyring (leave empty to keep it)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="162"/>
        <source>本机没有可用的系统密钥环</source>
        <translation>No system keyring available on this computer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="165"/>
        <source>尚未保存密码</source>
        <translation>No password saved yet</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="180"/>
        <source>本机没有可用的系统密钥环，无法安全保存密码。Windows 上请确认“凭据管理器”服务已启动；Linux 上需要 Secret Service（如 GNOME 密钥环）。其他设置仍可保存，密码请联系信息技术部配置。</source>
        <translation>There is no usable system keyring on this computer, so the password cannot be stored safely. On Windows, check that the Credential Manager service is running; on Linux a Secret Service (e.g. GNOME Keyring) is needed. The other settings can still be saved; ask IT to set up the password.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="209"/>
        <source>正在连接 %1 …</source>
        <translation>Connecting to %1 …</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="214"/>
        <source>连接成功：账号 %1，PostgreSQL %2。</source>
        <translation>Connected as %1, PostgreSQL %2.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="219"/>
        <source>但该数据库尚未初始化为中心库（请总部运行 workstation-cli central init）。</source>
        <translation> But this database has not been set up as a central database (head office must run workstation-cli central init).</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="237"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/settings_dialog.py" line="247"/>
        <source>连接设置已保存，但密码未保存。</source>
        <translation>The connection settings were saved, but the password was not. </translation>
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
    <name>CheckInPanel</name>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="131"/>
        <source>手机号 / 尾号4位+姓 / 预约码 / 扫码 / 姓名或拼音，回车签到</source>
        <translation>Mobile · last 4 + surname · code · QR · name or pinyin</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="148"/>
        <source>客户到店：输入任一信息查找预约；现场客户请按下方按钮取号。</source>
        <translation>Type anything the client gives to find the appointment; walk-ins: below.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="165"/>
        <source>签到 (Enter)</source>
        <translation>Check in (Enter)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="168"/>
        <source>转现场取号</source>
        <translation>Serve as walk-in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="178"/>
        <source>打印号票…</source>
        <translation>Print ticket…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="183"/>
        <source>打印到店指引</source>
        <translation>Print directions</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="185"/>
        <source>打印本营业部地址、周边标志与交通路线，交给客户</source>
        <translation>Print the branch&apos;s address, landmarks and transit routes for the client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="193"/>
        <source>现场取号</source>
        <translation>Walk-in ticket</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="197"/>
        <source>客户姓名（可选）</source>
        <translation>Client name (optional)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="199"/>
        <source>手机号（可选）</source>
        <translation>Mobile (optional)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="205"/>
        <source>新开户</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="205"/>
        <source>转户</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="206"/>
        <source>其他业务</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="291"/>
        <source>找到 1 个预约，按回车签到。</source>
        <translation>1 appointment found — press Enter to check in.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="293"/>
        <source>找到 %1 个预约，用 ↑/↓ 选择后按回车签到。</source>
        <translation>%1 appointments found — choose with ↑/↓, then press Enter.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="295"/>
        <source>没有找到预约。可核对后重试，或按现场客户取号。</source>
        <translation>No appointment found. Check and try again, or give a walk-in ticket.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="323"/>
        <source>%1 今天没有预约：请按现场客户取号（姓名已填入）。</source>
        <translation>%1 has no appointment today: issue a walk-in ticket (name filled in).</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="336"/>
        <source>查询失败。</source>
        <translation>The search failed.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="369"/>
        <source>该客户已签到，沿用原号票（不重复取号）。</source>
        <translation>Already checked in: the existing ticket stands (no second ticket).</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="373"/>
        <source>签到成功，请引导客户等候电销专属柜台叫号。</source>
        <translation>Checked in. Ask the client to wait for the telesales counter to call them.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="407"/>
        <source>已按现场客户取号。</source>
        <translation>Ticket issued as a walk-in.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="433"/>
        <source>已取号，请客户留意叫号。</source>
        <translation>Ticket issued; the client should watch for their number.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="454"/>
        <source>号票 %1 已送至小票打印机</source>
        <translation>Ticket %1 sent to the slip printer</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="45"/>
        <source>客户资料</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="48"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="54"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="54"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="54"/>
        <source>资金账号</source>
        <translation>Fund account</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="55"/>
        <source>客户等级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="55"/>
        <source>风险承受能力</source>
        <translation>Risk tolerance</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="55"/>
        <source>测评有效期至</source>
        <translation>Assessment valid until</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="56"/>
        <source>反洗钱评级</source>
        <translation>AML rating</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="56"/>
        <source>投资者类别</source>
        <translation>Investor type</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="77"/>
        <source>文件</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="78"/>
        <source>来访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="79"/>
        <source>礼品</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="87"/>
        <source>导出个人信息…</source>
        <translation>Export personal data…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="89"/>
        <source>客户申请查阅、复制其个人信息：导出本营业部保存的全部信息（仅主管）</source>
        <translation>The client asks to see or copy their personal data: export everything this branch keeps (supervisors only)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="91"/>
        <source>登记撤回同意…</source>
        <translation>Record consent withdrawal…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="103"/>
        <source>无法读取客户资料。</source>
        <translation>The client cannot be loaded.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="109"/>
        <source>专业投资者</source>
        <translation>Professional investor</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="109"/>
        <source>普通投资者</source>
        <translation>Ordinary investor</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="111"/>
        <source>（最低类别）</source>
        <translation>(lowest category)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="114"/>
        <source>未测评</source>
        <translation>Not assessed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="122"/>
        <source>风险测评已过期：办理新业务前须重新测评。</source>
        <translation>The risk assessment has expired: re-test before any new service.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="133"/>
        <source>导出客户个人信息</source>
        <translation>Export client personal data</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="133"/>
        <source>Excel 文件 (*.xlsx);;JSON 文件 (*.json)</source>
        <translation>Excel files (*.xlsx);;JSON files (*.json)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="143"/>
        <source>已导出到 %1（仅本用户可读）。</source>
        <translation>Exported to %1 (readable by this user only).</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="154"/>
        <source>登记撤回同意</source>
        <translation>Record consent withdrawal</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="155"/>
        <source>客户撤回对个人信息处理的同意。无账户的意向客户将立即匿名化。原因（可选）：</source>
        <translation>The client withdraws consent to the processing of personal data. A prospect without an account is anonymised at once. Reason (optional):</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="166"/>
        <source>已登记撤回同意，该意向客户的个人信息已匿名化。</source>
        <translation>Consent withdrawal recorded; the prospect&apos;s personal data has been anonymised.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/client.py" line="168"/>
        <source>已登记撤回同意；账户资料按法定期限保存，不再邀约。</source>
        <translation>Consent withdrawal recorded; account records are kept for the legal period and the client will not be invited again.</translation>
    </message>
</context>
<context>
    <name>CounterPanel</name>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="234"/>
        <source>我的柜台</source>
        <translation>My counter</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="255"/>
        <source>叫号</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="257"/>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="258"/>
        <source>过号</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="259"/>
        <source>转队列</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="260"/>
        <source>开始办理</source>
        <translation>Start service</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="261"/>
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="269"/>
        <source>办理开户/转户…</source>
        <translation>Open account / transfer-in…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="272"/>
        <source>新开户</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="273"/>
        <source>转户</source>
        <translation>Transfer-in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="305"/>
        <source>请选择柜台…</source>
        <translation>Choose the counter…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="326"/>
        <source>先选择本机所在的柜台，再叫号。</source>
        <translation>Choose this PC&apos;s counter first, then call.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="330"/>
        <source>叫号顺序：%1</source>
        <translation>Call order: %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="332"/>
        <source>（电销专属柜台：预约客户优先）</source>
        <translation> (telesales counter: appointments first)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="404"/>
        <source>%1 已处理：%2</source>
        <translation>%1 done: %2</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="412"/>
        <source>正在为 %1 办理</source>
        <translation>Serving %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="413"/>
        <source>请 %1 号到柜台</source>
        <translation>Calling %1 to the counter</translation>
    </message>
</context>
<context>
    <name>DateEntry</name>
    <message>
        <location filename="../../workstation/ui/dateentry.py" line="33"/>
        <source>选择日期</source>
        <translation>Choose a date</translation>
    </message>
</context>
<context>
    <name>DocumentModels</name>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="81"/>
        <location filename="../../workstation/ui/documents/models.py" line="180"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="82"/>
        <location filename="../../workstation/ui/documents/models.py" line="181"/>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="83"/>
        <source>单据编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="84"/>
        <location filename="../../workstation/ui/documents/models.py" line="183"/>
        <source>单据</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="85"/>
        <source>纸质件状态</source>
        <translation>Paper status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="86"/>
        <source>状态时间</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="182"/>
        <source>待回收</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="230"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="231"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="232"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="233"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="234"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="235"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="236"/>
        <source>任务号/原因</source>
        <translation>Job / reason</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="266"/>
        <source>副本</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="268"/>
        <source>原件</source>
        <translation>Original</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="108"/>
        <source>单据</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="111"/>
        <source>扫码登记签字回收的纸质单据，查看待回收清单，预览、补打单据。</source>
        <translation>Scan signed paper forms back in, see what is outstanding, preview and reprint documents.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="140"/>
        <source>待回收：按日期和客户</source>
        <translation>Outstanding by day and client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="180"/>
        <source>待回收（未归档）</source>
        <translation>Outstanding (not archived)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="181"/>
        <source>全部单据</source>
        <translation>All documents</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="183"/>
        <source>全部状态</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="187"/>
        <source>全部日期</source>
        <translation>Any day</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="190"/>
        <source>客户姓名或单据编号</source>
        <translation>Client name or document number</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="192"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="196"/>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="197"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="198"/>
        <source>日期</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="199"/>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="212"/>
        <location filename="../../workstation/ui/documents/page.py" line="340"/>
        <source>选择一份单据查看打印记录。</source>
        <translation>Select a document to see its print history.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="217"/>
        <source>预览/补打</source>
        <translation>Preview / reprint</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="219"/>
        <source>更改状态…</source>
        <translation>Change status…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="226"/>
        <source>打印记录</source>
        <translation>Print history</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="298"/>
        <source>显示 %1 / %2 份</source>
        <translation>Showing %1 of %2</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="343"/>
        <source>客户：%1&#x3000;纸质件：%2</source>
        <translation>Client: %1   Paper: %2</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/page.py" line="114"/>
        <source>待回收归档的纸质单据</source>
        <translation>Paper documents to collect and archive</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="84"/>
        <source>请逐份预览并打印，交客户签字后归档。转户须将《转户事项清单》交给客户。</source>
        <translation>Preview and print each document for the client to sign, then file it. For a transfer-in, give the client the checklist.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="88"/>
        <source>单据编号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="88"/>
        <source>文件</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="92"/>
        <source>客户资料</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="93"/>
        <source>全部打印(&amp;A)</source>
        <translation>Print &amp;all</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="95"/>
        <source>整套文件一次发送到默认打印机（一个打印任务，每份单据均登记）</source>
        <translation>Send the whole package to the default printer at once (one print job, each form logged)</translation>
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
    <name>GiftColumns</name>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="43"/>
        <source>可领取</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="44"/>
        <source>不可领取</source>
        <translation>Not eligible</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="52"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="53"/>
        <source>证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="54"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="46"/>
        <location filename="../../workstation/ui/gifts/models.py" line="55"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="56"/>
        <source>来源</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="57"/>
        <location filename="../../workstation/ui/gifts/models.py" line="82"/>
        <source>邀约坐席</source>
        <translation>Inviting agent</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="29"/>
        <source>进行中</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="30"/>
        <source>已停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="33"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="34"/>
        <location filename="../../workstation/ui/gifts/models.py" line="61"/>
        <location filename="../../workstation/ui/gifts/models.py" line="78"/>
        <location filename="../../workstation/ui/gifts/models.py" line="88"/>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="35"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="37"/>
        <source>客户来源</source>
        <translation>Channels</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="38"/>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="42"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="41"/>
        <source>业务</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="44"/>
        <source>单客上限（元）</source>
        <translation>Cap per client (CNY)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/campaigns.py" line="49"/>
        <location filename="../../workstation/ui/gifts/models.py" line="62"/>
        <location filename="../../workstation/ui/gifts/models.py" line="79"/>
        <location filename="../../workstation/ui/gifts/models.py" line="87"/>
        <location filename="../../workstation/ui/gifts/models.py" line="102"/>
        <source>礼品</source>
        <translation>Gift</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="64"/>
        <location filename="../../workstation/ui/gifts/models.py" line="80"/>
        <location filename="../../workstation/ui/gifts/models.py" line="116"/>
        <source>价值（元）</source>
        <translation>Value (CNY)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="66"/>
        <source>可用</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="68"/>
        <source>资格</source>
        <translation>Eligibility</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="72"/>
        <source>依据 / 原因</source>
        <translation>Why / why not</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="76"/>
        <source>发放时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="77"/>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="81"/>
        <source>发放人</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="86"/>
        <source>编码</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="89"/>
        <source>单价（元）</source>
        <translation>Unit value (CNY)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="90"/>
        <source>营业部可分配</source>
        <translation>Branch allocation</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="91"/>
        <source>本机备用</source>
        <translation>This workstation&apos;s reserve</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="92"/>
        <source>其他工作站备用</source>
        <translation>Other reserves</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="94"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="103"/>
        <source>期初</source>
        <translation>Opening</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="104"/>
        <source>入库</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="105"/>
        <source>分配</source>
        <translation>Allocated</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="106"/>
        <location filename="../../workstation/ui/gifts/models.py" line="115"/>
        <source>发放</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="107"/>
        <source>作废退回</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="108"/>
        <source>盘点调整</source>
        <translation>Adjustments</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="109"/>
        <source>期末</source>
        <translation>Closing</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="110"/>
        <source>其中备用额度</source>
        <translation>Of which in reserves</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="114"/>
        <source>活动 / 坐席</source>
        <translation>Campaign / agent</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/models.py" line="117"/>
        <source>作废</source>
        <translation>Voided</translation>
    </message>
</context>
<context>
    <name>GiftReconciliationSection</name>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="52"/>
        <source>礼品当日对账：期初 + 入库 + 分配 − 发放 + 作废退回 ± 盘点调整 = 期末</source>
        <translation>Gift reconciliation for the day: opening + received + allocated − issued + voided ± adjustments = closing</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="78"/>
        <source>礼品当日对账（%1）</source>
        <translation>Gift reconciliation (%1)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="79"/>
        <source>编码</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="79"/>
        <source>礼品</source>
        <translation>Gift</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="79"/>
        <source>期初</source>
        <translation>Opening</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="79"/>
        <source>入库</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="79"/>
        <source>分配</source>
        <translation>Allocated</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="79"/>
        <location filename="../../workstation/ui/reports/gifts.py" line="87"/>
        <source>发放</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="80"/>
        <source>作废退回</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="80"/>
        <source>盘点调整</source>
        <translation>Adjustments</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="80"/>
        <source>期末</source>
        <translation>Closing</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="80"/>
        <source>其中备用额度</source>
        <translation>Of which in reserves</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="80"/>
        <source>平衡</source>
        <translation>Balanced</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="83"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="83"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="87"/>
        <source>价值（元）</source>
        <translation>Value (CNY)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="87"/>
        <source>作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="89"/>
        <source>礼品发放·按活动（%1）</source>
        <translation>Gifts issued by campaign (%1)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="90"/>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="94"/>
        <source>礼品发放·按邀约坐席（%1）</source>
        <translation>Gifts issued by inviting agent (%1)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/gifts.py" line="95"/>
        <source>邀约坐席</source>
        <translation>Inviting agent</translation>
    </message>
</context>
<context>
    <name>GiftsPage</name>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="66"/>
        <source>原因（必填）：</source>
        <translation>Reason (required):</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="85"/>
        <source>礼品</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="88"/>
        <source>按营销活动规则发放礼品：核对资格与限额，客户签收，复核人确认。</source>
        <translation>Issue campaign gifts by the rules: check eligibility and caps, client signs, reviewer confirms.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="91"/>
        <source>进行中的活动</source>
        <translation>Running campaigns</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="91"/>
        <source>待客户签收</source>
        <translation>Awaiting signature</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="141"/>
        <source>手机号、姓名、拼音首字母或预约码，回车查找</source>
        <translation>Mobile, name, pinyin initials or appointment code, then Enter</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="143"/>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="157"/>
        <source>复核人(&amp;R)：</source>
        <translation>&amp;Reviewer:</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="163"/>
        <source>发放并生成签收单(&amp;I)</source>
        <translation>&amp;Issue and make receipt</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="166"/>
        <source>打印签收单(&amp;P)</source>
        <translation>&amp;Print receipt</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="167"/>
        <source>保存 PDF(&amp;S)…</source>
        <translation>&amp;Save PDF…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="187"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="188"/>
        <source>确认客户已签收(&amp;C)</source>
        <translation>&amp;Confirm client signed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="121"/>
        <source>发放</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="122"/>
        <source>待签收</source>
        <translation>Awaiting signature</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="123"/>
        <source>库存与对账</source>
        <translation>Stock and reconciliation</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="126"/>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="189"/>
        <source>作废/退回(&amp;V)…</source>
        <translation>&amp;Void/return…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="191"/>
        <source>含今日已签收（客户退回礼品时作废）</source>
        <translation>Include today&apos;s signed issues (void when a client returns a gift)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="199"/>
        <source>签收确认须由发放人以外的复核人完成；作废须由发放人以外的主管填写原因审批。</source>
        <translation>A reviewer other than the issuer confirms the signature; a supervisor other than the issuer approves a void with a reason.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="209"/>
        <source>对账日期(&amp;D)：</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="219"/>
        <source>设置本机备用(&amp;E)…</source>
        <translation>Set workstation r&amp;eserve…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="220"/>
        <source>归还本机备用(&amp;L)…</source>
        <translation>Re&amp;lease workstation reserve…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="221"/>
        <source>盘点(&amp;K)…</source>
        <translation>Stoc&amp;k count…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="231"/>
        <source>当前库存</source>
        <translation>Current stock</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="232"/>
        <source>当日对账：期初 + 入库 + 分配 − 发放 + 作废退回 ± 盘点调整 = 期末</source>
        <translation>Day reconciliation: opening + received + allocated − issued + voided ± adjustments = closing</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="239"/>
        <source>按活动</source>
        <translation>By campaign</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="239"/>
        <source>按邀约坐席</source>
        <translation>By inviting agent</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="329"/>
        <source>正在查找客户…</source>
        <translation>Looking up the client…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="337"/>
        <source>没有找到客户，请核对后重试。</source>
        <translation>No client found. Check the entry and try again.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="339"/>
        <source>找到 %1 位客户。</source>
        <translation>%1 client(s) found.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="358"/>
        <source>%1 可领取 %2 种礼品。</source>
        <translation>%1 may receive %2 gift(s).</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="361"/>
        <source>%1 暂无可领取的礼品，原因见列表。</source>
        <translation>%1 cannot receive any gift now; the list says why.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="380"/>
        <source>正在发放并生成签收单…</source>
        <translation>Issuing and making the receipt…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="391"/>
        <source>已发放“%1”给 %2，签收单 %3。请打印后请客户签字，并交复核人确认。</source>
        <translation>Issued “%1” to %2, receipt %3. Print it, have the client sign, and pass it to the reviewer.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="409"/>
        <source>正在打印签收单…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="414"/>
        <source>签收单 %1 已送打印机 %2。</source>
        <translation>Receipt %1 sent to printer %2.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="416"/>
        <source>签收单 %1 打印失败：%2</source>
        <translation>Receipt %1 could not be printed: %2</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="423"/>
        <source>保存签收单</source>
        <translation>Save receipt</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="423"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="434"/>
        <source>签收单已保存到 %1。</source>
        <translation>Receipt saved to %1.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="463"/>
        <source>%1 的“%2”已确认签收。</source>
        <translation>“%2” for %1 confirmed as signed.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="472"/>
        <source>作废须由主管审批。</source>
        <translation>A void needs a supervisor.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="474"/>
        <source>作废礼品发放</source>
        <translation>Void gift issue</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="482"/>
        <source>%1 的“%2”已作废，库存已退回。</source>
        <translation>“%2” for %1 voided; the stock is back.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="531"/>
        <source>已归还 %1 件“%2”，本机备用 %3 件。</source>
        <translation>Returned %1 × “%2”; this workstation now holds %3 in reserve.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="533"/>
        <source>已预留 %1 件“%2”，本机备用 %3 件。</source>
        <translation>Reserved %1 × “%2”; this workstation now holds %3 in reserve.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="539"/>
        <source>正在调整本机备用额度…</source>
        <translation>Adjusting this workstation&apos;s reserve…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/page.py" line="551"/>
        <source>盘点已记录：账面 %1，实盘 %2，差异 %3。</source>
        <translation>Count recorded: book %1, counted %2, difference %3.</translation>
    </message>
</context>
<context>
    <name>HallDisplay</name>
    <message>
        <location filename="../../workstation/ui/hall.py" line="71"/>
        <source>叫号屏</source>
        <translation>Hall display</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/hall.py" line="96"/>
        <source>正在叫号</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/hall.py" line="100"/>
        <source>请稍候，柜台即将叫号</source>
        <translation>Please wait, the counters will call shortly</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/hall.py" line="104"/>
        <source>最近叫号</source>
        <translation>Recently called</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/hall.py" line="109"/>
        <source>等候人数 · 预计等候</source>
        <translation>Waiting · estimated wait</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/hall.py" line="148"/>
        <source>请到 %1 号窗口</source>
        <translation>Please go to counter %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/hall.py" line="155"/>
        <source>%1 %2：%3 人等候</source>
        <translation>%1 %2: %3 waiting</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/hall.py" line="158"/>
        <source>，约 %1 分钟</source>
        <translation>, about %1 min</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="219"/>
        <source>有身份证阅读器时，请将证件放在阅读器上点“读卡”，信息自动填入，请与原件核对。</source>
        <translation>With an ID card reader, place the card on the reader and press &quot;Read card&quot;; the fields are filled in — check them against the original.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="223"/>
        <source>联网核查</source>
        <translation>Online verification</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="225"/>
        <source>通过公司核查网关核对姓名与证件号码（公安部联网核查）</source>
        <translation>Check the name and ID number through the firm&apos;s verification gateway (Ministry of Public Security)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="262"/>
        <source>已读取证件：%1。请与原件及客户本人核对。</source>
        <translation>Card read: %1. Check it against the original and the client in person.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="265"/>
        <source>证件将于 %1 到期，请提醒客户及时换领。</source>
        <translation>The ID card expires on %1; remind the client to renew it.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="237"/>
        <source>导入预约</source>
        <translation>Import appointments</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="241"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="243"/>
        <source>支持呼叫中心导出的 CSV（UTF-8 或 GBK）与 XLSX 文件。</source>
        <translation>The call centre&apos;s CSV (UTF-8 or GBK) or XLSX export.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="255"/>
        <source>行号</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="255"/>
        <source>未导入原因</source>
        <translation>Why it was not imported</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="271"/>
        <source>选择预约文件</source>
        <translation>Choose the appointments file</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="271"/>
        <source>预约表格 (*.csv *.xlsx);;所有文件 (*)</source>
        <translation>Appointment tables (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="279"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="297"/>
        <source>已导入 %1 条；重复（已导入过）%2 条；未导入 %3 条。</source>
        <translation>Imported %1; duplicates (imported before) %2; not imported %3.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="301"/>
        <source>已更新 %1 条；已取消 %2 条。</source>
        <translation>%1 updated; %2 cancelled.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="309"/>
        <source>文件超过单次导入上限：再次选择同一文件将从第 %1 行继续导入。</source>
        <translation>The file exceeds the limit of one import: choose the same file again to continue from row %1.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="326"/>
        <source>导入失败。</source>
        <translation>The import failed.</translation>
    </message>
</context>
<context>
    <name>KpiSection</name>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="114"/>
        <source>接待与电销指标</source>
        <translation>Reception and telesales KPIs</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="123"/>
        <source>统计</source>
        <translation>Calculate</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="125"/>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="126"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="127"/>
        <source>接待日期</source>
        <translation>Reception day</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="127"/>
        <source>电销统计区间</source>
        <translation>Telesales period</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="141"/>
        <source>等候时长中位数（分钟）</source>
        <translation>Median wait (min)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="142"/>
        <source>等候时长 P90（分钟）</source>
        <translation>Wait P90 (min)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="143"/>
        <source>办理时长中位数（分钟）</source>
        <translation>Median service (min)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="144"/>
        <source>办理时长 P90（分钟）</source>
        <translation>Service P90 (min)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="145"/>
        <source>尚未叫号</source>
        <translation>Not yet called</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="166"/>
        <source>接待与电销</source>
        <translation>Reception and telesales</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="167"/>
        <source>礼品对账</source>
        <translation>Gift reconciliation</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="201"/>
        <source>统计区间的开始日期晚于结束日期。</source>
        <translation>The period starts after it ends.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="204"/>
        <source>正在统计…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="226"/>
        <source>接待日期 %1；电销统计 %2 至 %3。</source>
        <translation>Reception day %1; telesales %2 to %3.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="236"/>
        <source>暂时无法统计。</source>
        <translation>The figures cannot be calculated now.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="243"/>
        <source>各队列取号（%1）</source>
        <translation>Tickets per line (%1)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="244"/>
        <source>队列</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="244"/>
        <source>取号数</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="250"/>
        <source>办理结果（%1）</source>
        <translation>Outcomes (%1)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="251"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="251"/>
        <location filename="../../workstation/ui/reports/kpi.py" line="256"/>
        <source>人次</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="255"/>
        <source>等候与办理时长（%1）</source>
        <translation>Waiting and service times (%1)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="256"/>
        <source>指标</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="256"/>
        <source>中位数（分钟）</source>
        <translation>Median (min)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="256"/>
        <source>P90（分钟）</source>
        <translation>P90 (min)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="257"/>
        <source>等候（取号→叫号）</source>
        <translation>Wait (ticket → call)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="258"/>
        <source>办理（开始→结束）</source>
        <translation>Service (start → finish)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="260"/>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="262"/>
        <source>电销邀约到店与转化（%1）</source>
        <translation>Telesales show-up and conversion (%1)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="263"/>
        <source>坐席</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="263"/>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="263"/>
        <source>预约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="263"/>
        <source>到店</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="263"/>
        <source>未到店</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="263"/>
        <source>取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="264"/>
        <source>到店率</source>
        <translation>Show-up rate</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="283"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="283"/>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="284"/>
        <source>导出报表</source>
        <translation>Export report</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="299"/>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/kpi.py" line="304"/>
        <source>无法写入文件：%1</source>
        <translation>Cannot write the file: %1</translation>
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
        <location filename="../../workstation/ui/login.py" line="59"/>
        <source>证券营业部前台工作站 — 登录</source>
        <translation>Counter Workstation — Log in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="73"/>
        <source>证券营业部前台工作站</source>
        <translation>Counter Workstation</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="75"/>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="93"/>
        <source>例如 C001</source>
        <translation>e.g. C001</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="99"/>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="100"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="112"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="114"/>
        <location filename="../../workstation/ui/login.py" line="162"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="162"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/login.py" line="173"/>
        <source>请输入工号。</source>
        <translation>Enter your staff number.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="117"/>
        <source>证券营业部前台工作站 — %1</source>
        <translation>Counter Workstation — %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="140"/>
        <source>业务导航</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="148"/>
        <location filename="../../workstation/ui/main_window.py" line="177"/>
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="150"/>
        <location filename="../../workstation/ui/main_window.py" line="178"/>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="174"/>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="175"/>
        <source>身份证阅读器设置…</source>
        <translation>ID card reader settings…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="176"/>
        <source>打开叫号屏（第二块屏幕）</source>
        <translation>Open the hall display (second screen)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="179"/>
        <source>小票打印机设置…</source>
        <translation>Slip printer settings…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="180"/>
        <source>关于…</source>
        <translation>About…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="183"/>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="188"/>
        <source>工作站(&amp;W)</source>
        <translation>&amp;Workstation</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/main_window.py" line="269"/>
        <source>已打开叫号屏：%1</source>
        <translation>Hall display opened: %1</translation>
    </message>
</context>
<context>
    <name>MatchPage</name>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="361"/>
        <source>（最低类别，只能接受 R1 级业务）</source>
        <translation> (lowest category: R1 services only)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="362"/>
        <source>客户风险承受能力：%1，得分 %2，有效期至 %3%4</source>
        <translation>Client risk tolerance: %1, score %2, valid until %3%4</translation>
    </message>
</context>
<context>
    <name>OfferDialog</name>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="79"/>
        <source>编辑同业活动</source>
        <translation>Edit competitor offer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="79"/>
        <source>新增同业活动</source>
        <translation>New competitor offer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="87"/>
        <source>长期有效</source>
        <translation>No end date</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="99"/>
        <source>同业机构</source>
        <translation>Competitor</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="100"/>
        <source>活动内容</source>
        <translation>Offer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="101"/>
        <source>挽留/应对</source>
        <translation>Our response</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="102"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
</context>
<context>
    <name>OffersPanel</name>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="136"/>
        <source>转户客户到店时参考：本地同业机构的促销活动及我方应对。</source>
        <translation>For transfer-in clients: local competitors&apos; promotions and how we respond.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="147"/>
        <source>本营业部尚未登记同业活动。主管可点击“新增”录入。</source>
        <translation>No competitor offers recorded yet. A supervisor can add them with “New”.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="152"/>
        <source>新增…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="153"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="154"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="218"/>
        <source>删除“%1”的这条活动？</source>
        <translation>Delete this offer of “%1”?</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="219"/>
        <source>删除同业活动</source>
        <translation>Delete competitor offer</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="151"/>
        <source>结束办理 %1</source>
        <translation>Finish %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="153"/>
        <source>请选择本次办理结果：</source>
        <translation>Choose the outcome of this visit:</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="164"/>
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../workstation/ui/page.py" line="154"/>
        <source>本页即将提供</source>
        <translation>Coming to this page</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/page.py" line="168"/>
        <source>正在读取今日数据…</source>
        <translation>Reading today&apos;s figures…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/page.py" line="184"/>
        <source>以上为 %1 本营业部数据。</source>
        <translation>Figures for this branch on %1.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/page.py" line="189"/>
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
    <name>PaperStatus</name>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="40"/>
        <source>无需回收</source>
        <translation>Not tracked</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="41"/>
        <source>待打印</source>
        <translation>To print</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="42"/>
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="43"/>
        <source>已签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="44"/>
        <source>已扫描</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="45"/>
        <source>已寄送总部</source>
        <translation>Sent to head office</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="46"/>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
</context>
<context>
    <name>PrintJob</name>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="49"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="50"/>
        <source>排队中</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="51"/>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="52"/>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/models.py" line="53"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="118"/>
        <source>单据预览与打印</source>
        <translation>Preview and print</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="137"/>
        <source>正在生成预览…</source>
        <translation>Rendering the preview…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="143"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="144"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="147"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="148"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="149"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="174"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="175"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="177"/>
        <source>重印 (副本)</source>
        <translation>Reprint (COPY)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="183"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="186"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="188"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="256"/>
        <source>原件尚未打印。</source>
        <translation>The original has not been printed yet.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="260"/>
        <source>原件已于 %1 由 %2 在 %3 打印，再次打印须为副本。</source>
        <translation>The original was printed on %1 by %2 on %3; further prints are copies.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="263"/>
        <source>（主管可取消“重印”再打原件。）</source>
        <translation> (A supervisor may untick Reprint to print the original again.)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="268"/>
        <source>无法生成预览。</source>
        <translation>The preview could not be rendered.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="274"/>
        <source>（默认）</source>
        <translation> (default)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="276"/>
        <source>（已停用）</source>
        <translation> (disabled)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="282"/>
        <source>没有可用的打印机。可以先另存为 PDF。</source>
        <translation>No printer is available. You can save the PDF instead.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="290"/>
        <source>无法列出打印机：%1</source>
        <translation>Cannot list the printers: %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="311"/>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 / %2</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="365"/>
        <source>正在发送到 %1 …</source>
        <translation>Sending to %1 …</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="389"/>
        <source>副本</source>
        <translation>copy</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="389"/>
        <source>原件</source>
        <translation>original</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="392"/>
        <source>已打印完成：%1（%2）%3 份，打印机 %4。</source>
        <translation>Printed: %1 (%2), %3 copies on %4.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="394"/>
        <source>已送入打印队列，尚未打完：%1（%2）%3 份，打印机 %4。</source>
        <translation>Queued, not printed yet: %1 (%2), %3 copies on %4.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="396"/>
        <source>已发送到打印机 %4：%1（%2）%3 份。</source>
        <translation>Sent to %4: %1 (%2), %3 copies.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="398"/>
        <source>打印失败：%1（%2），打印机 %4。</source>
        <translation>Printing failed: %1 (%2) on %4.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="405"/>
        <source>打印任务：%1</source>
        <translation>Print job: %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="435"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="435"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="450"/>
        <source>已另存为 %1</source>
        <translation>Saved as %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/preview.py" line="458"/>
        <source>无法保存 PDF：%1</source>
        <translation>Cannot save the PDF: %1</translation>
    </message>
</context>
<context>
    <name>QuestionnairePage</name>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="352"/>
        <source>还有题目未作答，请逐题作答（标红处）。</source>
        <translation>Some questions are unanswered (marked in red).</translation>
    </message>
</context>
<context>
    <name>ReadCardButton</name>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="124"/>
        <source>读卡 (F8)</source>
        <translation>Read card (F8)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="127"/>
        <source>将身份证平放在阅读器上，点此读取证件信息</source>
        <translation>Place the ID card flat on the reader and click here to read it</translation>
    </message>
</context>
<context>
    <name>ReaderSettingsDialog</name>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="150"/>
        <source>身份证阅读器设置</source>
        <translation>ID card reader settings</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="153"/>
        <source>不使用阅读器</source>
        <translation>No reader</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="153"/>
        <source>串口 / USB 串口</source>
        <translation>Serial / USB serial</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="153"/>
        <source>厂商驱动库</source>
        <translation>Vendor driver library</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="158"/>
        <source>如 /dev/ttyUSB0、COM3；厂商驱动填端口号，如 1001</source>
        <translation>e.g. /dev/ttyUSB0, COM3; for the vendor driver the port number, e.g. 1001</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="160"/>
        <source>如 sdtapi.dll（留空用默认）</source>
        <translation>e.g. sdtapi.dll (empty for the default)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="162"/>
        <source>阅读器</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="163"/>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="164"/>
        <source>驱动库</source>
        <translation>Driver library</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/idcard.py" line="183"/>
        <source>请填写阅读器所接的串口。</source>
        <translation>Enter the serial port the reader is connected to.</translation>
    </message>
</context>
<context>
    <name>ReceptionColumns</name>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="159"/>
        <location filename="../../workstation/ui/reception/models.py" line="172"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="160"/>
        <location filename="../../workstation/ui/reception/models.py" line="173"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="161"/>
        <location filename="../../workstation/ui/reception/models.py" line="171"/>
        <location filename="../../workstation/ui/reception/models.py" line="230"/>
        <source>时段</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="162"/>
        <location filename="../../workstation/ui/reception/models.py" line="174"/>
        <location filename="../../workstation/ui/reception/models.py" line="185"/>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="163"/>
        <location filename="../../workstation/ui/reception/models.py" line="176"/>
        <source>坐席</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="164"/>
        <location filename="../../workstation/ui/reception/models.py" line="175"/>
        <location filename="../../workstation/ui/reception/models.py" line="187"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="165"/>
        <source>营业部</source>
        <translation>Branch</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="177"/>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="178"/>
        <source>预约码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="184"/>
        <source>号码</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="186"/>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="188"/>
        <source>取号</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="190"/>
        <source>已等（分钟）</source>
        <translation>Waiting (min)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="195"/>
        <source>柜台</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="196"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="202"/>
        <source>提前到店</source>
        <translation>Early</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="203"/>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="209"/>
        <source>同业机构</source>
        <translation>Competitor</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="210"/>
        <source>活动内容</source>
        <translation>Offer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="211"/>
        <source>挽留/应对</source>
        <translation>Our response</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="213"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="215"/>
        <source>长期</source>
        <translation>Open-ended</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="216"/>
        <source>（已过期）</source>
        <translation> (expired)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="226"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="233"/>
        <source>（营业时间外）</source>
        <translation>(outside opening hours)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="237"/>
        <source>预约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="243"/>
        <source>在岗柜员</source>
        <translation>Clerks on duty</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="249"/>
        <source>其中加班</source>
        <translation>Of which overtime</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="255"/>
        <source>可接待</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="261"/>
        <source>需增派</source>
        <translation>Extra staff needed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="263"/>
        <source>%1 人</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="278"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="279"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="280"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="281"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="282"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="283"/>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="284"/>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="289"/>
        <source>新开户</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="290"/>
        <source>转户</source>
        <translation>Transfer-in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="291"/>
        <source>其他业务</source>
        <translation>Other services</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="292"/>
        <source>电销预约</source>
        <translation>Telesales appointment</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="293"/>
        <source>已预约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="294"/>
        <source>已签到</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="295"/>
        <source>已办理</source>
        <translation>Served</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="296"/>
        <source>未到店</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="297"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="298"/>
        <source>等候中</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="299"/>
        <source>已叫号</source>
        <translation>Called</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="300"/>
        <source>办理中</source>
        <translation>Being served</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="301"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="302"/>
        <source>过号未到</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="303"/>
        <source>已开户</source>
        <translation>Account opened</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="304"/>
        <source>已提交转户</source>
        <translation>Transfer-in submitted</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="305"/>
        <source>仅咨询</source>
        <translation>Consultation only</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="306"/>
        <source>未办理离开</source>
        <translation>Left before service</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/models.py" line="307"/>
        <source>已转介</source>
        <translation>Referred</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="40"/>
        <source>接待</source>
        <translation>Reception</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="43"/>
        <source>为到店客户取号、为电销预约客户签到，并指引客户前往柜台。</source>
        <translation>Queue tickets for walk-in clients, check-in for booked clients, and directions to the counters.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="46"/>
        <location filename="../../workstation/ui/reception/page.py" line="108"/>
        <source>今日预约</source>
        <translation>Appointments today</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="46"/>
        <source>预约已签到</source>
        <translation>Appointments checked in</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="46"/>
        <source>正在等候</source>
        <translation>Waiting now</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="46"/>
        <source>今日到店</source>
        <translation>Visits today</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="102"/>
        <source>签到与叫号</source>
        <translation>Check-in and queue</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="110"/>
        <source>同业活动</source>
        <translation>Competitor offers</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="113"/>
        <source>加班安排</source>
        <translation>Overtime roster</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/page.py" line="203"/>
        <source>转户客户 — 同业活动参考（详见“同业活动”页）：</source>
        <translation>Transfer-in client — competitor offers (see the “Competitor offers” tab):</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="24"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="27"/>
        <source>营业部当日业务量、开户与转户、礼品发放及电销预约到店情况。</source>
        <translation>The branch&apos;s day: visits, accounts opened and transferred, gifts issued, telesales appointments kept.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="31"/>
        <source>今日到店</source>
        <translation>Visits today</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="32"/>
        <source>今日预约</source>
        <translation>Appointments today</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="33"/>
        <source>待复核的申请</source>
        <translation>Applications awaiting review</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="34"/>
        <source>待客户签收礼品</source>
        <translation>Gifts awaiting signature</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="35"/>
        <source>待上传的记录</source>
        <translation>Records waiting to upload</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reports/page.py" line="36"/>
        <source>正常状态客户</source>
        <translation>Active clients</translation>
    </message>
</context>
<context>
    <name>ReserveDialog</name>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="81"/>
        <source>归还本机备用额度</source>
        <translation>Release workstation reserve</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="81"/>
        <source>设置本机备用额度</source>
        <translation>Set workstation reserve</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="91"/>
        <source>选填，例如：网络维护期间离线发放</source>
        <translation>Optional, e.g. offline issuing during network maintenance</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="92"/>
        <source>礼品(&amp;G)</source>
        <translation>&amp;Gift</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="93"/>
        <source>营业部可分配 / 本机备用</source>
        <translation>Branch allocation / this workstation&apos;s reserve</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="94"/>
        <source>归还数量(&amp;Q)</source>
        <translation>&amp;Quantity to return</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="94"/>
        <source>预留数量(&amp;Q)</source>
        <translation>&amp;Quantity to reserve</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="95"/>
        <source>说明(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="97"/>
        <source>备用额度从营业部库存中划出，仅供本工作站断网时发放；联网时从中心库存划拨。</source>
        <translation>The reserve is set aside from the branch&apos;s stock for this workstation to issue while offline; online, gifts come from the central stock.</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="69"/>
        <source>没有待复核的申请。</source>
        <translation>Nothing waiting for review.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="71"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="84"/>
        <source>复核意见（退回时必填，至少 4 个字）</source>
        <translation>Review comment (required to return, at least 4 characters)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="91"/>
        <source>客户资料</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="92"/>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="93"/>
        <source>复核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="144"/>
        <source>请在左侧选择一份申请。</source>
        <translation>Select an application on the left.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="145"/>
        <source>须关注：%1</source>
        <translation>Check: %1</translation>
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
    <name>ScanStation</name>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="27"/>
        <source>下一步（按单据当前状态）</source>
        <translation>Next step (from the form&apos;s status)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="28"/>
        <source>签字回收（→ 已签字）</source>
        <translation>Signature collection (→ signed)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="29"/>
        <source>影像扫描（→ 已扫描）</source>
        <translation>Imaging (→ scanned)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="30"/>
        <source>寄送总部（→ 已寄送总部）</source>
        <translation>Dispatch (→ sent to head office)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="31"/>
        <source>归档（→ 已归档）</source>
        <translation>Archive (→ archived)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="63"/>
        <source>扫码登记纸质件</source>
        <translation>Scan paper forms</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="68"/>
        <source>扫描单据二维码，或输入单据编号后按回车</source>
        <translation>Scan the form&apos;s QR code, or type its number and press Enter</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="72"/>
        <source>本工位登记为</source>
        <translation>This station records</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="79"/>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="81"/>
        <source>预览/补打</source>
        <translation>Preview / reprint</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="86"/>
        <source>等待扫码</source>
        <translation>Waiting for a scan</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="117"/>
        <source>正在登记 %1 …</source>
        <translation>Recording %1 …</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="136"/>
        <source>%1 %2：%3 → %4</source>
        <translation>%1 %2: %3 → %4</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="141"/>
        <source>客户：%1</source>
        <translation>Client: %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/scan.py" line="149"/>
        <location filename="../../workstation/ui/documents/scan.py" line="154"/>
        <source>未登记</source>
        <translation>Not recorded</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="236"/>
        <source>安排加班</source>
        <translation>Record overtime</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="256"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="257"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="258"/>
        <source>开始</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="259"/>
        <source>结束</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="260"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>StaffingPanel</name>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="296"/>
        <source>未来 </source>
        <translation>Next </translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="297"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="298"/>
        <source>只看需增派的时段</source>
        <translation>Only hours that need staff</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="302"/>
        <source>安排加班…</source>
        <translation>Record overtime…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="335"/>
        <source>%1 个时段预约超出接待能力，需要增派人手或安排加班。</source>
        <translation>%1 hours have more appointments than the staff can serve: add staff or overtime.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/reference.py" line="339"/>
        <source>所有时段人手充足。</source>
        <translation>Every hour is covered.</translation>
    </message>
</context>
<context>
    <name>StatusChangeDialog</name>
    <message>
        <location filename="../../workstation/ui/documents/status_dialog.py" line="43"/>
        <source>更改纸质件状态</source>
        <translation>Change paper status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/status_dialog.py" line="49"/>
        <source>当前状态</source>
        <translation>Current status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/status_dialog.py" line="57"/>
        <source>改为</source>
        <translation>New status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/status_dialog.py" line="60"/>
        <source>回退或跳过步骤时必填，例如：扫描件丢失需重扫</source>
        <translation>Required when going back or skipping, e.g. scan lost, rescan needed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/status_dialog.py" line="61"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/status_dialog.py" line="72"/>
        <source>确认更改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/documents/status_dialog.py" line="73"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Step</name>
    <message>
        <location filename="../../workstation/ui/accounts/step_names.py" line="10"/>
        <source>身份核验</source>
        <translation>Identity check</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_names.py" line="11"/>
        <source>客户资料</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_names.py" line="12"/>
        <source>原券商与证券账户</source>
        <translation>Previous broker and securities accounts</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_names.py" line="13"/>
        <source>风险承受能力评估</source>
        <translation>Risk tolerance assessment</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_names.py" line="14"/>
        <source>适当性匹配</source>
        <translation>Suitability match</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_names.py" line="15"/>
        <source>反洗钱评级与税收居民声明</source>
        <translation>AML rating and tax residency</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_names.py" line="16"/>
        <source>三方存管银行</source>
        <translation>Custody bank</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_names.py" line="17"/>
        <source>佣金费率</source>
        <translation>Commission rate</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_names.py" line="18"/>
        <source>文件签署与打印</source>
        <translation>Signing and printing</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="41"/>
        <source>请核对证件原件后录入。身份证号码的校验位、出生日期由系统核对；同一证件已有客户时将直接使用该客户。</source>
        <translation>Check the original ID, then enter it. The system checks the ID number&apos;s check digit and birth date; if a client with this ID is on file, that client is used.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="44"/>
        <source>反洗钱九要素：联系方式、地址、职业与受益所有人。须登记中国大陆手机号码。</source>
        <translation>The nine AML items: contact details, address, occupation and beneficial owner. A mainland China mobile number is required.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="47"/>
        <source>原券商的账户信息：客户须在原券商办理上海撤销指定交易、深圳转托管。格式异常只作提示。</source>
        <translation>Accounts at the previous broker: the client must cancel the Shanghai designated trading and transfer Shenzhen custody there. Odd formats are only warnings.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="50"/>
        <source>请客户本人逐题作答；系统按问卷计分并确定风险承受能力类别（C1–C5）。</source>
        <translation>The client answers every question in person; the system scores the questionnaire and sets the risk tolerance category (C1–C5).</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="53"/>
        <source>勾选客户申请的业务；高于客户风险承受能力的业务须客户坚持并签署警示书，最低类别客户一律拒绝。</source>
        <translation>Tick the services applied for. A service above the client&apos;s risk tolerance needs the client to insist and sign the warning; lowest-category clients are always refused.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="56"/>
        <source>税收居民身份声明为开户必备文件；反洗钱评级由系统按客户资料给出，只能调高。</source>
        <translation>The tax residence self-certification is required to open an account; the system sets the AML rating from the client data, and it can only be raised.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="59"/>
        <source>三方存管银行卡须为客户本人名下；卡号未通过 Luhn 校验时请与卡面逐位核对后确认。</source>
        <translation>The bank custody card must be in the client&apos;s own name; if the number fails the Luhn check, compare it digit by digit with the card, then confirm.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="62"/>
        <source>佣金按客户来源渠道的政策执行；低于渠道下限须主管审批。</source>
        <translation>Commission follows the client channel&apos;s policy; below the channel&apos;s floor needs a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="63"/>
        <source>开立的账户与委托方式；向客户讲解并由客户签署必备文件，核对证件原件。</source>
        <translation>Accounts to open and order channels; explain the required documents to the client, have them signed, and check the original ID.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="163"/>
        <source>请按提示修改标红的项目。</source>
        <translation>Correct the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/step_pages.py" line="179"/>
        <source>已与客户核实，确认继续办理</source>
        <translation>Checked with the client; go on</translation>
    </message>
</context>
<context>
    <name>StockCountDialog</name>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="28"/>
        <source>礼品盘点</source>
        <translation>Gift stock count</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="39"/>
        <source>有差异时必填，例如：包装破损 1 件</source>
        <translation>Required when counts differ, e.g. 1 damaged</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="40"/>
        <source>礼品(&amp;G)</source>
        <translation>&amp;Gift</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="41"/>
        <source>账面数量</source>
        <translation>Book quantity</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="42"/>
        <source>实盘数量(&amp;C)</source>
        <translation>&amp;Counted</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/gifts/dialogs.py" line="43"/>
        <source>差异原因(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="60"/>
        <source>核对与提交</source>
        <translation>Check and submit</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="62"/>
        <source>请与客户逐项核对。提交后由复核岗复核，文件即生成，可预览并打印交客户签字。</source>
        <translation>Check every item with the client. On submission the documents are produced for printing and signing; a reviewer then reviews.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/wizard.py" line="66"/>
        <source>提交复核</source>
        <translation>Submit for review</translation>
    </message>
</context>
<context>
    <name>SupervisorOverrideDialog</name>
    <message>
        <location filename="../../workstation/ui/accounts/override.py" line="36"/>
        <source>主管审批</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/override.py" line="46"/>
        <source>如：已人工比对证件照片与本人，系统照片陈旧</source>
        <translation>e.g. compared the card photo with the client in person; the system photo is outdated</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/override.py" line="49"/>
        <source>主管工号</source>
        <translation>Supervisor staff no.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/override.py" line="50"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/override.py" line="51"/>
        <source>审批原因</source>
        <translation>Reason for approval</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/override.py" line="58"/>
        <source>审批通过并提交</source>
        <translation>Approve and submit</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../workstation/ui/sync/controller.py" line="137"/>
        <source>同步(&amp;S)</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/controller.py" line="138"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/controller.py" line="144"/>
        <source>中心设置…</source>
        <translation>Central settings…</translation>
    </message>
</context>
<context>
    <name>SyncModels</name>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="21"/>
        <source>成功</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="22"/>
        <source>有隔离记录</source>
        <translation>Quarantined records</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="23"/>
        <source>离线（中心无法连接）</source>
        <translation>Offline (central unreachable)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="24"/>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="42"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="43"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="44"/>
        <source>上传</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="45"/>
        <source>下载</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="46"/>
        <source>新隔离</source>
        <translation>Newly refused</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="47"/>
        <source>仍待上传</source>
        <translation>Still waiting</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="48"/>
        <source>耗时（秒）</source>
        <translation>Seconds</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="49"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="54"/>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="55"/>
        <source>记录时间</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="56"/>
        <source>隔离时间</source>
        <translation>Refused at</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="57"/>
        <source>发送次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="58"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/models.py" line="59"/>
        <source>中心原文</source>
        <translation>Central database message</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="53"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="57"/>
        <source>本工作站与中心数据库交换数据：上传本营业部的业务记录，下载预约、活动与人员信息。断网时照常办理业务，恢复连接后自动补传。</source>
        <translation>This workstation exchanges data with the central database: it sends the branch&apos;s business records and receives appointments, campaigns and staff. Work goes on as usual when the network is down; records are sent once it is back.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="62"/>
        <location filename="../../workstation/ui/sync/page.py" line="99"/>
        <source>被中心拒收的记录（已隔离）</source>
        <translation>Records refused by the central database (quarantined)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="74"/>
        <location filename="../../workstation/ui/sync/page.py" line="187"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="77"/>
        <source>马上与中心数据库同步一次（Ctrl+S）</source>
        <translation>Sync with the central database now (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="78"/>
        <source>中心设置…</source>
        <translation>Central settings…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="103"/>
        <source>重新发送所选记录</source>
        <translation>Send the selected record again</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="110"/>
        <source>被拒收的记录不会阻塞其他数据上传。请按“原因”核对（必要时联系总部信息技术部），然后点“重新发送”：下次同步时会再发送一次，若仍被拒收会重新出现在这里。</source>
        <translation>Refused records do not hold up the others. Check the reason (ask head office IT if needed), then choose &quot;Send again&quot;: the record is sent with the next sync and comes back here if it is refused again.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="121"/>
        <source>没有被中心拒收的记录。</source>
        <translation>No records refused by the central database.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="126"/>
        <source>最近同步</source>
        <translation>Recent syncs</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="132"/>
        <source>还没有同步记录。</source>
        <translation>No syncs yet.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="210"/>
        <source>有 %1 条记录被中心拒收，需要主管处理。</source>
        <translation>%1 record(s) refused by the central database need a supervisor.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="224"/>
        <source>尚未设置中心数据库：业务数据只保存在本机，不会上传。请点“中心设置…”填写中心地址与密码。</source>
        <translation>No central database is set up: business data stays on this computer and is not sent. Choose &quot;Central settings…&quot; to enter the address and password.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="225"/>
        <source>中心数据库：%1</source>
        <translation>Central database: %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="229"/>
        <source>最近一次同步 %1：%2</source>
        <translation>Last sync %1: %2</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="237"/>
        <source>上次成功同步 %1</source>
        <translation>Last successful sync %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="239"/>
        <source>尚未成功同步</source>
        <translation>Never synced successfully</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="240"/>
        <source>每 %1 秒自动同步</source>
        <translation>automatic sync every %1 s</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="242"/>
        <source>有隔离记录：%1 条被中心拒收，未上传</source>
        <translation>Quarantined: %1 refused by the central database, not uploaded</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="247"/>
        <source>暂时无法读取同步状态，详情已记录日志。</source>
        <translation>The sync state cannot be read right now; details are in the log.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="253"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="284"/>
        <source>已放回发送队列：%1，将在下次同步时重新发送。</source>
        <translation>Back in the queue: %1, sent again with the next sync.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/sync/page.py" line="62"/>
        <source>待上传的记录</source>
        <translation>Records waiting to upload</translation>
    </message>
</context>
<context>
    <name>Tabs</name>
    <message>
        <location filename="../../workstation/ui/tabs.py" line="18"/>
        <source>快捷键 Alt+%1</source>
        <translation>Shortcut Alt+%1</translation>
    </message>
</context>
<context>
    <name>ThermalPrinterDialog</name>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="38"/>
        <source>无（号票用 A5/A4 打印机）</source>
        <translation>None (tickets on the A5/A4 printer)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="39"/>
        <source>网络（IP 地址:端口）</source>
        <translation>Network (IP address:port)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="40"/>
        <source>串口（如 COM3 或 /dev/ttyUSB0:9600）</source>
        <translation>Serial (e.g. COM3 or /dev/ttyUSB0:9600)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="41"/>
        <source>USB（厂商ID:产品ID，如 0416:5011）</source>
        <translation>USB (vendor ID:product ID, e.g. 0416:5011)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="42"/>
        <source>系统打印队列（原始数据）</source>
        <translation>System print queue (raw data)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="43"/>
        <source>设备文件（如 /dev/usb/lp0）</source>
        <translation>Device file (e.g. /dev/usb/lp0)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="59"/>
        <source>小票打印机设置</source>
        <translation>Slip printer settings</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="68"/>
        <source>自动（生僻字时打印图像）</source>
        <translation>Automatic (image when rare characters occur)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="68"/>
        <source>打印机字库（GB18030）</source>
        <translation>Printer font (GB18030)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="69"/>
        <source>总是图像</source>
        <translation>Always image</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="71"/>
        <source>连接方式</source>
        <translation>Connection</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="72"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="73"/>
        <source>中文打印</source>
        <translation>Chinese printing</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="78"/>
        <source>打印测试小票</source>
        <translation>Print a test slip</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="111"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing/thermal_dialog.py" line="126"/>
        <source>测试小票已发送：%1</source>
        <translation>Test slip sent: %1</translation>
    </message>
</context>
<context>
    <name>TicketDisplay</name>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="69"/>
        <source>号票</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="74"/>
        <source>签到或取号后在此显示号码。</source>
        <translation>The ticket number appears here after a check-in or walk-in.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="87"/>
        <source>%1 · 前面还有 %2 位等候</source>
        <translation>%1 · %2 waiting ahead</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="89"/>
        <source>预计等候约 %1 分钟</source>
        <translation>Estimated wait about %1 min</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/checkin.py" line="94"/>
        <source>%1（仍予办理）</source>
        <translation>%1 (still served)</translation>
    </message>
</context>
<context>
    <name>TodayAppointments</name>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="349"/>
        <source>筛选：姓名、状态、坐席、活动、预约码</source>
        <translation>Filter: name, status, agent, campaign, code</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="352"/>
        <source>预约登记…</source>
        <translation>Book…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="354"/>
        <source>导入预约…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="356"/>
        <location filename="../../workstation/ui/reception/appointments.py" line="457"/>
        <source>标记未到店</source>
        <translation>Mark no-shows</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="358"/>
        <source>打印预约确认及到店指引…</source>
        <translation>Print confirmation and directions…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="423"/>
        <source>今日共 %1 个预约：%2</source>
        <translation>%1 appointments today: %2</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="434"/>
        <source>已为 %1 登记预约，预约码 %2。</source>
        <translation>Booked for %1, code %2.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="456"/>
        <source>把今天仍未签到的预约全部标记为“未到店”？此结果会同步回电销中心，不能撤销。</source>
        <translation>Mark every appointment of today not checked in as a no-show? This goes back to the call centre and cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/appointments.py" line="469"/>
        <source>已将 %1 个预约标记为未到店。</source>
        <translation>%1 appointments marked as no-shows.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="190"/>
        <source>转队列</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="192"/>
        <source>转到以下队列（客户保留原排队顺序）：</source>
        <translation>Move to this line (the client keeps their place):</translation>
    </message>
</context>
<context>
    <name>TransferPanel</name>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="207"/>
        <source>已提交的转户申请及各事项的办理进度。客户在原券商办妥后，在此逐项登记。</source>
        <translation>Submitted transfer-ins and their tasks. Record each task here once done.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="223"/>
        <source>备注，如：深市转托管 T+1 已到账</source>
        <translation>Note, e.g. SZ transfer arrived T+1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="224"/>
        <source>登记状态</source>
        <translation>Record status</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="225"/>
        <source>所选事项改为</source>
        <translation>Set selected task to</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/accounts/review.py" line="232"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>WaitingList</name>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="71"/>
        <source>等候队列</source>
        <translation>Waiting list</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="114"/>
        <source>等候队列（%1 人等候）</source>
        <translation>Waiting list (%1 waiting)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/reception/queue_panel.py" line="123"/>
        <source>等候队列（暂时无法刷新）</source>
        <translation>Waiting list (cannot refresh now)</translation>
    </message>
</context>
<context>
    <name>WorkstationStatusBar</name>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="45"/>
        <source>%1（%2）%3</source>
        <translation>%1 (%2) %3</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="78"/>
        <location filename="../../workstation/ui/statusbar.py" line="108"/>
        <source>已连接中心</source>
        <translation>Connected to central</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="78"/>
        <source>未连接中心</source>
        <translation>Not connected to central</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="89"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="90"/>
        <source>正在与中心数据库同步…</source>
        <translation>Syncing with the central database…</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="98"/>
        <source>未配置中心</source>
        <translation>No central database</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="99"/>
        <source>尚未设置中心数据库，业务数据只保存在本机。主管可在“同步”菜单中设置。</source>
        <translation>No central database is set up; business data stays on this computer. A supervisor can set it up from the Sync menu.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="102"/>
        <source>有隔离记录</source>
        <translation>Quarantined records</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="104"/>
        <source>已连接中心，但有记录被中心拒收（已隔离），数据未上传。请主管在“同步”页处理。</source>
        <translation>Connected to the central database, but some records were refused (quarantined) and not uploaded. A supervisor should handle them on the Sync page.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="113"/>
        <source>离线（中心无法连接）</source>
        <translation>Offline (central unreachable)</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="113"/>
        <source>同步失败</source>
        <translation>Sync failed</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="118"/>
        <source>上次成功同步 %1</source>
        <translation>Last successful sync %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="120"/>
        <source>尚未成功同步</source>
        <translation>Never synced successfully</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="122"/>
        <source>待上传 %1</source>
        <translation>Waiting %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="124"/>
        <source>被拒收 %1</source>
        <translation>Refused %1</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="126"/>
        <source>有记录被中心拒收，请主管在“同步”页处理。</source>
        <translation>Records were refused by the central database; a supervisor should look at them on the Sync page.</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/statusbar.py" line="126"/>
        <source>没有被中心拒收的记录</source>
        <translation>No records refused by the central database</translation>
    </message>
</context>
</TS>
