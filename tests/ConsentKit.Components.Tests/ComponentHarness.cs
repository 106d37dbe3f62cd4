using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Bunit;
using ConsentKit.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsentKit.Components.Tests;

/// <summary>
/// Renders ConsentKit's components with bUnit in the two ways Blazor renders them: statically (a request cascaded as
/// <see cref="HttpContext"/>, as in static SSR and prerendering) and interactively (no request; the state comes from
/// <see cref="ConsentState"/>, as in an interactive Server circuit).
/// </summary>
internal sealed class ComponentHarness : BunitContext
{
    public ComponentHarness(bool development = false, Action<ExternalTransmissionOptions>? adjust = null)
    {
        Services.AddLogging(b => b.AddProvider(Logs));
        Services.AddSingleton<IHostEnvironment>(new TagHelperHarness.Env { EnvironmentName = development ? "Development" : "Production" });
        Services.AddExternalTransmissionNotice(o =>
        {
            TagHelperHarness.Declare(o);
            adjust?.Invoke(o);
        }).AddRazorComponents();
        JSInterop.Mode = JSRuntimeMode.Strict;
        Persisted = this.AddBunitPersistentComponentState();
        Module = JSInterop.SetupModule(ExternalTransmissionConsent.ModulePath);
        Module.SetupVoid("listen", _ => true);
    }

    /// <summary>The components' script module; every interactive gate asks it to listen for choices made elsewhere.</summary>
    public BunitJSModuleInterop Module { get; }

    public Bunit.TestDoubles.BunitPersistentComponentState Persisted { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    /// <summary>A page request carrying a record with these decisions; also what <see cref="IHttpContextAccessor"/> returns.</summary>
    public HttpContext Request(params (string Module, RecordedDecision Decision)[] decisions)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Path = "/page";
        TagHelperHarness.SetRecord(http, decisions);
        Services.GetRequiredService<IHttpContextAccessor>().HttpContext = http;
        return http;
    }

    /// <summary>Static rendering: the request cascades as it does in static SSR.</summary>
    public IRenderedComponent<T> Static<T>(HttpContext http, Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent =>
        Render<T>(p =>
        {
            p.AddCascadingValue(http);
            parameters?.Invoke(p);
        });

    /// <summary>Interactive rendering: no request; the state is the one carried over from prerendering.</summary>
    public IRenderedComponent<T> Interactive<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent =>
        Render<T>(p => parameters?.Invoke(p));

    /// <summary>Carries a prerendered request's state into this (interactive) scope, as PersistentComponentState does.</summary>
    public void CarryOver(params (string Module, RecordedDecision Decision)[] decisions)
    {
        var prerender = new ComponentHarness();
        var http = prerender.Request(decisions);
        var state = ConsentState.From(http.GetExternalTransmissionInternal(), prerender.Services.GetRequiredService<ConsentLinks>(), NoticeLanguage.Japanese);
        Persisted.Persist(ConsentStateStore.PersistenceKey, state.ToPersisted());
    }

    public static IElement Parse(string html) => new HtmlParser().ParseDocument("<body>" + html + "</body>").Body!;
}

/// <summary>Keeps every log entry, so tests can check what was logged.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public List<(LogLevel Level, EventId Id, string Message)> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Entries)
            {
                owner.Entries.Add((logLevel, eventId, formatter(state, exception)));
            }
        }
    }
}
