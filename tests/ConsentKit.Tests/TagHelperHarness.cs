using System.Text.Encodings.Web;
using ConsentKit.TagHelpers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ConsentKit.Tests;

/// <summary>Runs a tag helper the way Razor does, on a request that carries a given record cookie.</summary>
internal sealed class TagHelperHarness
{
    private readonly IServiceProvider _services;

    public TagHelperHarness(bool development = false, Action<ExternalTransmissionOptions>? adjust = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new Env { EnvironmentName = development ? "Development" : "Production" });
        services.AddExternalTransmissionNotice(o =>
        {
            Declare(o);
            adjust?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
    }

    /// <summary>The valid declarations, with a CSP nonce.</summary>
    public static void Declare(ExternalTransmissionOptions o)
    {
        var valid = Declarations.Valid();
        o.Operator.Name = valid.Operator.Name;
        o.Operator.FirstPartyHosts = valid.Operator.FirstPartyHosts;
        foreach (var m in valid.Modules)
        {
            o.Modules.Add(m);
        }

        o.CspNonce = _ => "n0nce";
    }

    public TransmissionCatalog Catalog => _services.GetRequiredService<TransmissionCatalog>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A request whose record holds these decisions.</summary>
    public ViewContext Request(params (string Module, RecordedDecision Decision)[] decisions)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        SetRecord(http, decisions);
        http.Request.Path = "/page";
        return ViewOf(http);
    }

    /// <summary>Gives the request a record cookie holding these decisions, encoded by the request's own services.</summary>
    public static void SetRecord(HttpContext http, params (string Module, RecordedDecision Decision)[] decisions)
    {
        if (decisions.Length > 0)
        {
            var catalog = http.RequestServices.GetRequiredService<TransmissionCatalog>();
            var codec = http.RequestServices.GetRequiredService<ConsentRecordCodec>();
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var value = codec.Encode(Guid.NewGuid(), now, 0, decisions
                .Select(d => RecordEntry.For(catalog.Find(d.Module)!, d.Decision, ConsentRecordCodec.DayOf(now))).ToList());
            http.Request.Headers.Cookie = catalog.CookieName + "=" + value;
        }
    }

    /// <summary>A view context around a request, as Razor gives one to tag helpers.</summary>
    public static ViewContext ViewOf(HttpContext http) =>
        new(
            new ActionContext(http, new RouteData(), new ActionDescriptor()),
            NullView.Instance,
            new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()),
            new TempDataDictionary(http, NullTempDataProvider.Instance),
            TextWriter.Null,
            new HtmlHelperOptions());

    /// <summary>Creates a tag helper the way Razor's activator does (constructor services from the request's provider).</summary>
    public static T Make<T>(ViewContext view, Action<T>? set = null)
        where T : TagHelper
    {
        var helper = ActivatorUtilities.CreateInstance<T>(view.HttpContext.RequestServices);
        typeof(T).GetProperty("ViewContext")?.SetValue(helper, view);
        set?.Invoke(helper);
        return helper;
    }

    public static async Task<(TagHelperOutput Output, string Html)> RunAsync(
        TagHelper helper, string tagName, TagHelperAttributeList attributes, string childContent = "", TagHelperContext? context = null)
    {
        context ??= new TagHelperContext(tagName, new TagHelperAttributeList(attributes), new Dictionary<object, object>(), Guid.NewGuid().ToString("N"));
        var output = new TagHelperOutput(tagName, attributes, (_, _) =>
        {
            var content = new DefaultTagHelperContent();
            content.SetHtmlContent(childContent);
            return Task.FromResult<TagHelperContent>(content);
        });
        helper.Init(context);
        await helper.ProcessAsync(context, output);
        if (!output.IsContentModified)
        {
            // What Razor's runtime does for a helper that leaves the content alone.
            output.Content.SetHtmlContent(await output.GetChildContentAsync());
        }

        using var writer = new StringWriter();
        output.WriteTo(writer, HtmlEncoder.Default);
        return (output, writer.ToString());
    }

    internal sealed class Env : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class NullView : Microsoft.AspNetCore.Mvc.ViewEngines.IView
    {
        public static readonly NullView Instance = new();
        public string Path => "";
        public Task RenderAsync(ViewContext context) => Task.CompletedTask;
    }

    private sealed class NullTempDataProvider : ITempDataProvider
    {
        public static readonly NullTempDataProvider Instance = new();
        public IDictionary<string, object> LoadTempData(HttpContext context) => new Dictionary<string, object>();
        public void SaveTempData(HttpContext context, IDictionary<string, object> values)
        {
        }
    }
}
