namespace ConsentKit;

/// <summary>
/// The texts of the visitor's choices: the current status on the notice page and the page that explains a refused
/// request to the choices endpoint (which shows the Japanese and the English text together).
/// </summary>
public sealed partial class VisitorText
{
    /// <summary>Status of a Consent module the visitor accepted.</summary>
    public string StatusAccepted { get; set; } = "";

    /// <summary>Status of a Consent module the visitor declined.</summary>
    public string StatusDeclined { get; set; } = "";

    /// <summary>Status of a Consent module the visitor has not chosen yet.</summary>
    public string StatusNotChosen { get; set; } = "";

    /// <summary>Status of a module stopped by the browser's Global Privacy Control signal or the visitor's choice.</summary>
    public string StatusStoppedByGpc { get; set; } = "";

    /// <summary>Status of a module the visitor stopped.</summary>
    public string StatusStopped { get; set; } = "";

    /// <summary>Status of a module that is sent and whose use only the recipient can stop.</summary>
    public string StatusSentRecipientStops { get; set; } = "";

    /// <summary>Status of a module that is sent and that the visitor can stop.</summary>
    public string StatusSent { get; set; } = "";

    /// <summary>The title and heading of the page shown when the choices endpoint refuses a request.</summary>
    public string NotAccepted { get; set; } = "";

    /// <summary>After the reason a request was refused: nothing changed.</summary>
    public string ChoicesUnchanged { get; set; } = "";

    /// <summary>Refused: the request came from another site.</summary>
    public string RefusedCrossSite { get; set; } = "";

    /// <summary>Refused: the request body is too large.</summary>
    public string RefusedTooLarge { get; set; } = "";

    /// <summary>Refused: neither a form nor JSON.</summary>
    public string RefusedContentType { get; set; } = "";

    /// <summary>Refused: the form's antiforgery token is missing or wrong.</summary>
    public string RefusedToken { get; set; } = "";

    /// <summary>Refused: the form could not be read.</summary>
    public string RefusedForm { get; set; } = "";

    /// <summary>Refused: the JSON could not be read.</summary>
    public string RefusedJson { get; set; } = "";

    /// <summary>Refused: the action is not one ConsentKit knows.</summary>
    public string RefusedAction { get; set; } = "";

    /// <summary>Refused: too many modules in one request.</summary>
    public string RefusedTooManyModules { get; set; } = "";

    private void SetChoicesJapanese()
    {
        StatusAccepted = "同意しています。送信します。";
        StatusDeclined = "同意していません。送信しません。";
        StatusNotChosen = "まだ選んでいません。同意するまで送信しません。";
        StatusStoppedByGpc = "送信を停止しています（ブラウザの「グローバル・プライバシー・コントロール」の設定、またはあなたの選択による）。";
        StatusStopped = "送信を停止しています。";
        StatusSentRecipientStops = "送信しています。送信先での利用の停止は、送信先のページで求めることができます。";
        StatusSent = "送信しています。停止を求めることができます。";
        NotAccepted = "受け付けられませんでした";
        ChoicesUnchanged = "あなたの選択は変更されていません。";
        RefusedCrossSite = "ほかのサイトからの操作は受け付けられません。";
        RefusedTooLarge = "送信された内容が大きすぎます。";
        RefusedContentType = "フォームまたは JSON で送信してください。";
        RefusedToken = "フォームの確認用トークンがないか、正しくありません。ページを再読み込みしてから、もう一度お試しください。";
        RefusedForm = "フォームの内容を読み取れませんでした。";
        RefusedJson = "JSON の内容を読み取れませんでした。";
        RefusedAction = "操作の種類が正しくありません。";
        RefusedTooManyModules = "一度に指定できるモジュールの数を超えています。";
    }

    private void SetChoicesEnglish()
    {
        StatusAccepted = "You accepted. It is sent.";
        StatusDeclined = "You declined. It is not sent.";
        StatusNotChosen = "You have not chosen yet. It is not sent until you accept.";
        StatusStoppedByGpc = "Stopped, because of your browser's Global Privacy Control setting or your choice.";
        StatusStopped = "Stopped. It is not sent.";
        StatusSentRecipientStops = "It is sent. You can ask the recipient to stop using it on their page.";
        StatusSent = "It is sent. You can ask us to stop.";
        NotAccepted = "Not accepted";
        ChoicesUnchanged = "Your choices were not changed.";
        RefusedCrossSite = "A choice cannot be made from another site.";
        RefusedTooLarge = "The request body is too large.";
        RefusedContentType = "Send a form (application/x-www-form-urlencoded) or JSON (application/json).";
        RefusedToken = "The form's antiforgery token is missing or invalid. Reload the page and try again.";
        RefusedForm = "The form could not be read.";
        RefusedJson = "The JSON body could not be read.";
        RefusedAction = "Unknown action. Use accept-all, reject-all, grant, deny, withdraw, opt-out, opt-in or save.";
        RefusedTooManyModules = "Too many modules in one request.";
    }
}
