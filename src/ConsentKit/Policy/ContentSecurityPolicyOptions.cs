namespace ConsentKit;

/// <summary>Whether ConsentKit sends a Content Security Policy built from the declarations.</summary>
public enum ContentSecurityPolicyMode
{
    /// <summary>No policy header. The policy can still be read with <c>HttpContext.GetContentSecurityPolicy()</c>.</summary>
    Off,

    /// <summary><c>Content-Security-Policy-Report-Only</c>: the browser sends nothing less, but reports what the policy would block.</summary>
    ReportOnly,

    /// <summary><c>Content-Security-Policy</c>: the browser blocks every transmission to a host no allowed module declares, and reports it.</summary>
    Enforce,
}

/// <summary>The kinds of request a declared host may receive; each maps to one policy directive.</summary>
[Flags]
public enum ResourceKinds
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Scripts (<c>script-src</c>).</summary>
    Script = 1,

    /// <summary><c>fetch</c>, XHR, beacons and WebSockets (<c>connect-src</c>).</summary>
    Connect = 2,

    /// <summary>Images, including tracking pixels (<c>img-src</c>).</summary>
    Image = 4,

    /// <summary>Frames (<c>frame-src</c>).</summary>
    Frame = 8,

    /// <summary>Stylesheets (<c>style-src</c>).</summary>
    Style = 16,

    /// <summary>Web fonts (<c>font-src</c>).</summary>
    Font = 32,

    /// <summary>Every kind; the default for a declared host.</summary>
    All = Script | Connect | Image | Frame | Style | Font,
}

/// <summary>
/// The Content Security Policy ConsentKit derives from the declarations and each visitor's state (R34).
/// Configuration: <c>ConsentKit:ContentSecurityPolicy:Mode</c> and <c>ConsentKit:ContentSecurityPolicy:WriteHeader</c>.
/// </summary>
public sealed class ContentSecurityPolicyOptions
{
    /// <summary>
    /// <see cref="ContentSecurityPolicyMode.Off"/>, <see cref="ContentSecurityPolicyMode.ReportOnly"/> or
    /// <see cref="ContentSecurityPolicyMode.Enforce"/>. Unset: report-only in the Development environment, off elsewhere
    /// until the site opts in.
    /// </summary>
    public ContentSecurityPolicyMode? Mode { get; set; }

    /// <summary>
    /// Whether ConsentKit writes the header itself. <see langword="false"/> when the site sends one policy of its own
    /// (for example with NetEscapades.AspNetCore.SecurityHeaders) and takes ConsentKit's sources from
    /// <c>HttpContext.GetContentSecurityPolicy()</c>. Default <see langword="true"/>.
    /// </summary>
    public bool WriteHeader { get; set; } = true;
}
