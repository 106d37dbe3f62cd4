namespace ConsentKit;

/// <summary>
/// The endpoint names ConsentKit gives its endpoints (<c>WithName</c>). ConsentKit generates every link it writes from
/// these names with <c>LinkGenerator</c>, so links follow a <c>MapGroup</c> prefix and <c>PathBase</c>; a site can use
/// them too, for example <c>linkGenerator.GetPathByName(httpContext, ConsentKitEndpointNames.Notice)</c>.
/// </summary>
public static class ConsentKitEndpointNames
{
    /// <summary>The notice page (公表), <c>GET {NoticePath}</c>.</summary>
    public const string Notice = "ConsentKit.Notice";

    /// <summary>The notice as JSON, <c>GET {NoticePath}.json</c>.</summary>
    public const string NoticeJson = "ConsentKit.NoticeJson";

    /// <summary>The choices endpoint, <c>POST {NoticePath}/choices</c>.</summary>
    public const string Choices = "ConsentKit.Choices";

    /// <summary>The client script and stylesheet, <c>GET {NoticePath}/assets/{file}</c>.</summary>
    public const string Assets = "ConsentKit.Assets";

    /// <summary>Content Security Policy violation reports, <c>POST {NoticePath}/csp-reports</c>.</summary>
    public const string Reports = "ConsentKit.CspReports";

    /// <summary>The Development page of reported violations, <c>GET {NoticePath}/csp-violations</c>.</summary>
    public const string Violations = "ConsentKit.CspViolations";

    /// <summary>The Global Privacy Control statement, <c>GET /.well-known/gpc.json</c>.</summary>
    public const string Gpc = "ConsentKit.Gpc";
}
