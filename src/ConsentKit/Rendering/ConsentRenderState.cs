using Microsoft.AspNetCore.Http;

namespace ConsentKit;

/// <summary>
/// What the parts of one response need to know of each other while it is rendered: which shared pieces were written
/// already, whether a placeholder or the notice link is on the page, which modules the page emitted, whether the
/// banner was shown. Kept on <see cref="HttpContext.Features"/>. Writing here never changes a visitor's legal state:
/// the response-start step reads it and takes any legal step explicitly (see <see cref="ResponseStartWork"/>).
/// </summary>
internal sealed class ConsentRenderState
{
    private List<string>? _emitted;

    public static ConsentRenderState Of(HttpContext context)
    {
        if (context.Features.Get<ConsentRenderState>() is { } state)
        {
            return state;
        }

        state = new ConsentRenderState();
        context.Features.Set(state);
        return state;
    }

    /// <summary>The stylesheet link was written.</summary>
    public bool StylesheetClaimed { get; private set; }

    /// <summary>The client script tag was written.</summary>
    public bool ScriptClaimed { get; private set; }

    /// <summary>A gate rendered its placeholder, so the page needs ConsentKit's stylesheet.</summary>
    public bool PlaceholderRendered { get; set; }

    /// <summary>The page links to the notice, or embeds it (R11).</summary>
    public bool NoticeLinkRendered { get; set; }

    /// <summary>The banner, with its notice of every pending Notice module, is in this response.</summary>
    public bool BannerShown { get; set; }

    /// <summary>Modules whose markup this response emitted, runnable or inert.</summary>
    public IReadOnlyList<string> EmittedModules => (IReadOnlyList<string>?)_emitted ?? [];

    public void NoteEmitted(string moduleId) => (_emitted ??= []).Add(moduleId);

    /// <summary>True the first time only: the stylesheet is written once per response.</summary>
    public bool TryClaimStylesheet() => !StylesheetClaimed && (StylesheetClaimed = true);

    /// <summary>True the first time only: the client script is written once per response.</summary>
    public bool TryClaimScript() => !ScriptClaimed && (ScriptClaimed = true);

    /// <summary>Digests of the inert nodes emitted so far (<see cref="InertDigest"/>); listed on ConsentKit's script.</summary>
    public IReadOnlyList<string> InertDigests => (IReadOnlyList<string>?)_digests ?? [];

    public void NoteInert(string digest)
    {
        (_digests ??= []).Add(digest);
        InertNoted?.Invoke();
    }

    private List<string>? _digests;

    /// <summary>
    /// Raised after each inert node is noted. A Razor component that already wrote ConsentKit's script listens, and
    /// renders its tag again with the longer list before the response is written: Blazor's static rendering renders
    /// breadth-first, so a gate nested at any depth below it is rendered later than it.
    /// </summary>
    public event Action? InertNoted;

    private List<string>? _scriptHashes;

    /// <summary>CSP hash sources of the inline scripts ConsentKit emitted or gated on this page, each once.</summary>
    public IReadOnlyList<string> ScriptHashes => (IReadOnlyList<string>?)_scriptHashes ?? [];

    public void NoteScriptHash(string hash)
    {
        _scriptHashes ??= [];
        if (!_scriptHashes.Contains(hash))
        {
            _scriptHashes.Add(hash);
        }
    }
}
