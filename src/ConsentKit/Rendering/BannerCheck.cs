using System.Net;

namespace ConsentKit;

/// <summary>
/// What a site's own <c>_ConsentBanner</c> partial must show before its display may count as the notice of the Notice
/// modules it lists (Ordinance 22-2-29; R14): for each module the recipient, every information item and the purpose,
/// and a link to the full notice.
/// </summary>
internal static class BannerCheck
{
    /// <summary>
    /// An incomplete banner is not the notice: its client script must not tell the browser that the Notice modules were
    /// shown, or they would run although the server recorded no notice. Empties the script's shown list in
    /// <paramref name="renderedHtml"/> (the script is the model's own, written by the partial as it is).
    /// </summary>
    public static string WithholdShown(string renderedHtml, ConsentBannerModel model)
    {
        var script = model.ClientScript.ToString() ?? "";
        var attribute = " " + ConsentProtocol.Attributes.Shown + "=\"";
        var at = script.IndexOf(attribute, StringComparison.Ordinal);
        if (at < 0)
        {
            return renderedHtml;
        }

        var end = script.IndexOf('"', at + attribute.Length);
        var withheld = script[..(at + attribute.Length)] + script[end..];
        return withheld == script ? renderedHtml : renderedHtml.Replace(script, withheld, StringComparison.Ordinal);
    }

    /// <summary>The required parts the rendered banner lacks; empty when it shows them all.</summary>
    public static List<string> MissingParts(string renderedHtml, ConsentBannerModel model)
    {
        // Razor may write Japanese as character references; compare the text a visitor reads.
        var text = WebUtility.HtmlDecode(renderedHtml);
        var missing = new List<string>();
        if (!text.Contains("href=\"" + model.NoticeUrl + "\"", StringComparison.Ordinal)
            && !text.Contains("href=\"" + model.NoticeUrl + "#", StringComparison.Ordinal))
        {
            missing.Add("the link to the notice (Model.NoticeUrl)");
        }

        foreach (var m in model.Modules)
        {
            if (!text.Contains(m.Recipient, StringComparison.Ordinal))
            {
                missing.Add($"module '{m.Id}': the recipient");
            }

            if (m.Information.Any(item => !text.Contains(item, StringComparison.Ordinal)))
            {
                missing.Add($"module '{m.Id}': the information sent");
            }

            if (!text.Contains(m.OperatorPurpose, StringComparison.Ordinal))
            {
                missing.Add($"module '{m.Id}': the purpose");
            }
        }

        return missing;
    }
}
