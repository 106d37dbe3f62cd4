using System.Net;

namespace ConsentKit;

/// <summary>
/// What a site's own <c>_ConsentBanner</c> partial must show before its display may count as the notice of the Notice
/// modules it lists (Ordinance 22-2-29; R14): for each module the recipient, every information item and the purpose,
/// and a link to the full notice.
/// </summary>
internal static class BannerCheck
{
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
