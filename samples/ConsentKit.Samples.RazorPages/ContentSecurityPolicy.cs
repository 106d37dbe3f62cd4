using System.Security.Cryptography;
using ConsentKit;
using Microsoft.Extensions.Options;

namespace ConsentKit.Samples.RazorPages;

/// <summary>
/// A strict, nonce-based Content-Security-Policy whose third-party hosts come from the ConsentKit declarations:
/// a host that is not declared cannot be contacted. ConsentKit needs no 'unsafe-inline' and no 'unsafe-eval'.
/// </summary>
public sealed class ContentSecurityPolicy(RequestDelegate next, IOptions<ExternalTransmissionOptions> options)
{
    private const string NonceKey = "csp-nonce";

    private readonly string _hosts = string.Join(' ', options.Value.Modules
        .SelectMany(m => m.Hosts)
        .Where(h => h is not ("127.0.0.1" or "localhost"))
        .Distinct()
        .Select(h => "https://" + h));

    public static string? NonceOf(HttpContext context) => context.Items[NonceKey] as string;

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.Headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic'; style-src 'self'; img-src 'self' data: {_hosts}; " +
            $"frame-src {_hosts}; connect-src 'self' {_hosts}; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'self'";
        return next(context);
    }
}
