namespace ConsentKit;

/// <summary>The notice page's glossary: plain explanations of the technical words it uses (Ordinance 22-2-28 (1)(i), R8).</summary>
public sealed partial class VisitorText
{
    /// <summary>Glossary term. 外部送信 / External transmission.</summary>
    public string TermExternalTransmission { get; set; } = "";

    /// <summary>What <see cref="TermExternalTransmission"/> means (it covers sending to the operator itself too).</summary>
    public string TermExternalTransmissionMeaning { get; set; } = "";

    /// <summary>Glossary term. モジュール / Module.</summary>
    public string TermModule { get; set; } = "";

    /// <summary>What <see cref="TermModule"/> means.</summary>
    public string TermModuleMeaning { get; set; } = "";

    /// <summary>Glossary term. タグ / Tag.</summary>
    public string TermTag { get; set; } = "";

    /// <summary>What <see cref="TermTag"/> means.</summary>
    public string TermTagMeaning { get; set; } = "";

    /// <summary>Glossary term. Cookie（クッキー） / Cookie.</summary>
    public string TermCookie { get; set; } = "";

    /// <summary>What <see cref="TermCookie"/> means.</summary>
    public string TermCookieMeaning { get; set; } = "";

    /// <summary>Glossary term. 識別子（ID） / Identifier (ID).</summary>
    public string TermIdentifier { get; set; } = "";

    /// <summary>What <see cref="TermIdentifier"/> means.</summary>
    public string TermIdentifierMeaning { get; set; } = "";

    /// <summary>Glossary term. IPアドレス / IP address.</summary>
    public string TermIpAddress { get; set; } = "";

    /// <summary>What <see cref="TermIpAddress"/> means.</summary>
    public string TermIpAddressMeaning { get; set; } = "";

    /// <summary>Glossary term. オプトアウト / Opt-out.</summary>
    public string TermOptOut { get; set; } = "";

    /// <summary>What <see cref="TermOptOut"/> means.</summary>
    public string TermOptOutMeaning { get; set; } = "";

    /// <summary>The glossary in the notice's order.</summary>
    internal (string Term, string Meaning)[] Glossary() =>
    [
        (TermExternalTransmission, TermExternalTransmissionMeaning),
        (TermModule, TermModuleMeaning),
        (TermTag, TermTagMeaning),
        (TermCookie, TermCookieMeaning),
        (TermIdentifier, TermIdentifierMeaning),
        (TermIpAddress, TermIpAddressMeaning),
        (TermOptOut, TermOptOutMeaning),
    ];

    private void SetGlossaryJapanese()
    {
        TermExternalTransmission = "外部送信";
        TermExternalTransmissionMeaning = "表示しているページの指示で、あなたのブラウザが、あなたに関する情報を当サイトの運営者または別の事業者のサーバーに送ることです。";
        TermModule = "モジュール";
        TermModuleMeaning = "ページに組み込まれ、外部送信を行わせる部品です。タグ、埋め込み動画、計測用のプログラムなどがあります。";
        TermTag = "タグ";
        TermTagMeaning = "ページに書き込まれた短いプログラムで、外部の事業者に情報を送らせるものです。";
        TermCookie = "Cookie（クッキー）";
        TermCookieMeaning = "ウェブサイトがあなたのブラウザに保存する小さなデータです。次に訪れたときに、同じブラウザであることを見分けるために使われます。";
        TermIdentifier = "識別子（ID）";
        TermIdentifierMeaning = "ブラウザや機器を見分けるために割り当てる文字や番号です。";
        TermIpAddress = "IPアドレス";
        TermIpAddressMeaning = "インターネットに接続した機器に割り当てられる番号です。おおよその地域がわかることがあります。";
        TermOptOut = "オプトアウト";
        TermOptOutMeaning = "情報の送信や利用を止めるよう求めることです。";
    }

    private void SetGlossaryEnglish()
    {
        TermExternalTransmission = "External transmission";
        TermExternalTransmissionMeaning = "Your browser sending information about you to the operator of this site or to another company's server, because the page you are viewing tells it to.";
        TermModule = "Module";
        TermModuleMeaning = "A part built into a page that makes your browser send information, such as a tag, an embedded video or a measurement program.";
        TermTag = "Tag";
        TermTagMeaning = "A short program written into a page that makes your browser send information to an outside company.";
        TermCookie = "Cookie";
        TermCookieMeaning = "A small piece of data a website stores in your browser, used to recognise the same browser on a later visit.";
        TermIdentifier = "Identifier (ID)";
        TermIdentifierMeaning = "Letters or numbers assigned to tell one browser or device from another.";
        TermIpAddress = "IP address";
        TermIpAddressMeaning = "A number given to a device connected to the internet. It can reveal your approximate area.";
        TermOptOut = "Opt-out";
        TermOptOutMeaning = "Asking for the sending or the use of information to stop.";
    }
}
