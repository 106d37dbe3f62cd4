namespace ConsentKit.Samples.RazorPages;

/// <summary>
/// The security headers this site sets besides the Content Security Policy, which ConsentKit writes from the
/// declarations and each visitor's state (Program.cs: <c>ContentSecurityPolicy.Mode = Enforce</c>): a host no module
/// declares, or the host of a module the visitor refused, cannot be contacted.
/// </summary>
public sealed class SiteSecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XFrameOptions = "SAMEORIGIN";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        return next(context);
    }
}
