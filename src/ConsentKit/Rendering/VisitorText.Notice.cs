namespace ConsentKit;

/// <summary>The notice page's own texts (its headings, sentences and row labels that are not declared by the site).</summary>
public sealed partial class VisitorText
{
    /// <summary>The notice page's title and main heading. 利用者情報の外部送信について / External transmission of user information.</summary>
    public string NoticeTitle { get; set; } = "";

    /// <summary>The notice page's label of the language switch (an attribute, read by screen readers).</summary>
    public string LanguageSwitchLabel { get; set; } = "";

    /// <summary>The notice page's first paragraph; <c>{operator}</c> is replaced by the operator's name.</summary>
    public string NoticeIntro { get; set; } = "";

    /// <summary>Before the notice's last-updated date (a colon follows). 最終更新日 / Last updated.</summary>
    public string LastUpdated { get; set; } = "";

    /// <summary>The notice page's sentence when nothing needs a notice.</summary>
    public string NothingToNotify { get; set; } = "";

    /// <summary>The heading of the notice page's list of recipients.</summary>
    public string RecipientListHeading { get; set; } = "";

    /// <summary>The module column of the list of recipients. 名称 / Module.</summary>
    public string ModuleColumn { get; set; } = "";

    /// <summary>The recipient's heading: a column of the list of recipients and a row of each module. 送信先の事業者 / Recipient.</summary>
    public string RecipientColumn { get; set; } = "";

    /// <summary>The condition column of the list of recipients. 送信の条件 / When it is sent.</summary>
    public string ConditionColumn { get; set; } = "";

    /// <summary>The heading of the notice page's per-module details.</summary>
    public string ModuleDetailsHeading { get; set; } = "";

    /// <summary>The label of the recipient's service name, after the recipient (in brackets). サービス名 / service.</summary>
    public string ServiceLabel { get; set; } = "";

    /// <summary>The row heading of how a Notice module can be stopped (when the site lets visitors stop them).</summary>
    public string StoppingHeading { get; set; } = "";

    /// <summary>How a Notice module can be stopped on this site.</summary>
    public string StoppingText { get; set; } = "";

    /// <summary>The row heading of a module's opt-out. オプトアウト / Opt-out.</summary>
    public string OptOutHeading { get; set; } = "";

    /// <summary>What a visitor can ask when the opt-out stops the recipient's use.</summary>
    public string OptOutStopsUse { get; set; } = "";

    /// <summary>What a visitor can ask when the opt-out stops the transmission.</summary>
    public string OptOutStopsTransmission { get; set; } = "";

    /// <summary>How to opt out when the recipient takes the request on its own page.</summary>
    public string OptOutAtRecipient { get; set; } = "";

    /// <summary>How to opt out on this site (the notice page's button or the banner's settings).</summary>
    public string OptOutHere { get; set; } = "";

    /// <summary>The link to a module's opt-out page. オプトアウトのページ / Opt-out page.</summary>
    public string OptOutPageLink { get; set; } = "";

    /// <summary>After the recipient's privacy policy link (in brackets): the policy supplements the notice.</summary>
    public string PrivacyPolicySupplement { get; set; } = "";

    /// <summary>The heading of the exempt transmissions.</summary>
    public string ExemptHeading { get; set; } = "";

    /// <summary>The paragraph before the exempt transmissions.</summary>
    public string ExemptIntro { get; set; } = "";

    /// <summary>The summary of the exempt transmissions' legal basis. 法律上の根拠 / Legal basis.</summary>
    public string LegalBasisHeading { get; set; } = "";

    /// <summary>The exempt transmissions' legal basis.</summary>
    public string ExemptLegalBasis { get; set; } = "";

    /// <summary>The glossary's heading. 用語の説明 / Glossary.</summary>
    public string GlossaryHeading { get; set; } = "";

    /// <summary>The heading of the operator's contact. お問い合わせ / Contact.</summary>
    public string ContactHeading { get; set; } = "";

    /// <summary>Before the operator's contact (a colon follows).</summary>
    public string ContactLead { get; set; } = "";

    private void SetNoticeJapanese()
    {
        NoticeTitle = "利用者情報の外部送信について";
        LanguageSwitchLabel = "言語 / Language";
        NoticeIntro = "{operator}（以下「当サイト」）のウェブサイトでは、ページを表示したときに、あなたのブラウザから当サイトや他の事業者のサーバーへ、あなたに関する情報が送信されることがあります。"
            + "電気通信事業法 第27条の12 に基づき、送信の仕組み（モジュール）ごとに、送信される情報、送信先の事業者、利用目的をお知らせします。";
        LastUpdated = "最終更新日";
        NothingToNotify = "現在、お知らせが必要な外部送信はありません。";
        RecipientListHeading = "送信先の一覧";
        ModuleColumn = "名称";
        RecipientColumn = "送信先の事業者";
        ConditionColumn = "送信の条件";
        ModuleDetailsHeading = "モジュールごとの詳細";
        ServiceLabel = "サービス名";
        StoppingHeading = "送信の停止";
        StoppingText = "このサイトでは、このモジュールの送信も止められます。このページの「あなたの選択」欄にある「送信を停止する」ボタン、または画面下のお知らせの「同意しない」「設定」から受け付けます。";
        OptOutHeading = "オプトアウト";
        OptOutStopsUse = "このモジュールについて、送信先での情報の利用の停止を求めることができます（情報の送信そのものは続きます）。";
        OptOutStopsTransmission = "このモジュールについて、送信の停止を求めることができます。";
        OptOutAtRecipient = "送信先のオプトアウトのページで手続きしてください。";
        OptOutHere = "このページの「あなたの選択」欄にある「送信を停止する」ボタン、または画面下のお知らせの「設定」から受け付けます。";
        OptOutPageLink = "オプトアウトのページ";
        PrivacyPolicySupplement = "補足。上の各項目が正式なお知らせです";
        ExemptHeading = "サービスの提供に必要なため、そのまま送信するもの";
        ExemptIntro = "次の送信は、このサイトを表示し、使えるようにするために必要な情報を送るもの、または当サイトが発行した番号を当サイトにだけ送るものです。あなたの同意などは必要ありませんが、すべてをお知らせするためにここに記載します。";
        LegalBasisHeading = "法律上の根拠";
        ExemptLegalBasis = "電気通信事業法 第27条の12 第1号（電気通信役務の提供に必要な情報、電気通信事業法施行規則 第22条の2の30）・第2号（当サイトが発行した識別子を当サイトに送るもの）により、通知・公表・同意・オプトアウトのいずれの措置も必要ありません（適用除外）。";
        GlossaryHeading = "用語の説明";
        ContactHeading = "お問い合わせ";
        ContactLead = "このページの内容についてのお問い合わせ先";
    }

    private void SetNoticeEnglish()
    {
        NoticeTitle = "External transmission of user information";
        LanguageSwitchLabel = "Language / 言語";
        NoticeIntro = "When you view pages of the website of {operator} (\"this site\"), your browser may send information about you to our servers and to other companies. "
            + "As required by Article 27-12 of Japan's Telecommunications Business Act, this page lists, for each module that does this, what is sent, to whom, and why.";
        LastUpdated = "Last updated";
        NothingToNotify = "There is currently no external transmission that needs a notice.";
        RecipientListHeading = "List of recipients";
        ModuleColumn = "Module";
        RecipientColumn = "Recipient";
        ConditionColumn = "When it is sent";
        ModuleDetailsHeading = "Details for each module";
        ServiceLabel = "service";
        StoppingHeading = "Stopping it";
        StoppingText = "On this site you can stop this module too: use the \"Stop sending\" button under \"Your choice\" on this page, or Decline or Settings in the notice at the bottom of the screen.";
        OptOutHeading = "Opt-out";
        OptOutStopsUse = "You can ask the recipient to stop using the information (the information is still sent).";
        OptOutStopsTransmission = "You can ask us to stop this module.";
        OptOutAtRecipient = "Use the recipient's opt-out page.";
        OptOutHere = "Use the \"Stop sending\" button under \"Your choice\" on this page, or \"Settings\" in the notice at the bottom of the screen.";
        OptOutPageLink = "Opt-out page";
        PrivacyPolicySupplement = "a supplement; the items above are the notice";
        ExemptHeading = "Sent as needed to provide the service";
        ExemptIntro = "The following send only information needed to show and run this site, or a number we issued back to us alone. They need no choice from you; we list them so that you see everything.";
        LegalBasisHeading = "Legal basis";
        ExemptLegalBasis = "Telecommunications Business Act Art. 27-12 (i) (information needed to provide the service, Ordinance 22-2-30) and (ii) (an identifier the operator issued, sent back to the operator) exempt them from every measure.";
        GlossaryHeading = "Glossary";
        ContactHeading = "Contact";
        ContactLead = "Questions about this page";
    }
}
