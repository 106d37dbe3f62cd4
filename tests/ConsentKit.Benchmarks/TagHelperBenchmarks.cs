using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using ConsentKit.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;

namespace ConsentKit.Benchmarks;

/// <summary>One gated script tag helper (allowed and pending) and the banner, rendered to text.</summary>
[MemoryDiagnoser]
public class TagHelperBenchmarks
{
    private IServiceProvider _services = default!;
    private string _cookie = "";

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExternalTransmissionNotice(o => BenchmarkSite.Declare(o, 5));
        _services = services.BuildServiceProvider();
        var catalog = _services.GetRequiredService<TransmissionCatalog>();
        var codec = _services.GetRequiredService<ConsentRecordCodec>();
        var now = DateTimeOffset.UtcNow;
        _cookie = catalog.CookieName + "=" + codec.Encode(Guid.NewGuid(), now, 0, catalog.Modules
            .Select(m => RecordEntry.For(m, RecordedDecision.Granted, ConsentRecordCodec.DayOf(now))).ToList());
    }

    private ViewContext View(bool decided)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        if (decided)
        {
            http.Request.Headers.Cookie = _cookie;
        }

        return new ViewContext(new ActionContext(http, new RouteData(), new ActionDescriptor()), NullView.Instance,
            new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()),
            new TempDataDictionary(http, new NullTempData()), TextWriter.Null, new HtmlHelperOptions());
    }

    /// <summary>As Razor's activator does: a cached factory with constructor services from the request's provider.</summary>
    private static T Make<T>(ViewContext view, Action<T>? set = null)
        where T : TagHelper
    {
        var helper = (T)Factories<T>.Create(view.HttpContext.RequestServices, null);
        typeof(T).GetProperty(nameof(ViewContext))!.SetValue(helper, view);
        set?.Invoke(helper);
        return helper;
    }

    private static class Factories<T>
    {
        public static readonly ObjectFactory Create = ActivatorUtilities.CreateFactory(typeof(T), Type.EmptyTypes);
    }

    private static async Task<int> Run(TagHelper helper, string tag)
    {
        var attributes = new TagHelperAttributeList { new("src", "https://tag0.example.com/tag.js"), new("async", null, HtmlAttributeValueStyle.Minimized) };
        var context = new TagHelperContext(tag, attributes, new Dictionary<object, object>(), "x");
        var output = new TagHelperOutput(tag, attributes, (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        await helper.ProcessAsync(context, output);
        using var writer = new StringWriter();
        output.WriteTo(writer, HtmlEncoder.Default);
        return writer.GetStringBuilder().Length;
    }

    // Every case builds the same ViewContext (the page's context), so the ratios show what the helper itself adds.
    [Benchmark(Baseline = true, Description = "Plain <script> through a no-op tag helper")]
    public Task<int> PlainScript() => Run(new NoOpTagHelper { ViewContext = View(decided: true) }, "script");

    [Benchmark(Description = "<script consent-module>, allowed")]
    public Task<int> GatedScriptAllowed() => Run(Make<ScriptConsentTagHelper>(View(decided: true), h => { h.Module = "tag-000"; }), "script");

    [Benchmark(Description = "<script consent-module>, pending (inert)")]
    public Task<int> GatedScriptPending() => Run(Make<ScriptConsentTagHelper>(View(decided: false), h => { h.Module = "tag-000"; }), "script");

    [Benchmark(Description = "<consent-banner />, first visit (5 modules)")]
    public Task<int> Banner() => Run(Make<ConsentBannerTagHelper>(View(decided: false)), "consent-banner");

    [Benchmark(Description = "<consent-banner />, decided visitor (zero bytes)")]
    public Task<int> BannerDecided() => Run(Make<ConsentBannerTagHelper>(View(decided: true)), "consent-banner");

    private sealed class NoOpTagHelper : TagHelper
    {
        public ViewContext? ViewContext { get; set; }
    }

    private sealed class NullView : Microsoft.AspNetCore.Mvc.ViewEngines.IView
    {
        public static readonly NullView Instance = new();
        public string Path => "";
        public Task RenderAsync(ViewContext context) => Task.CompletedTask;
    }

    private sealed class NullTempData : ITempDataProvider
    {
        public IDictionary<string, object> LoadTempData(HttpContext context) => new Dictionary<string, object>();
        public void SaveTempData(HttpContext context, IDictionary<string, object> values)
        {
        }
    }
}
