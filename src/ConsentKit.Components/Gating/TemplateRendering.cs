using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsentKit.Components;

/// <summary>
/// Renders a site's template to HTML during static rendering, with the request cascaded as the page has it, so that
/// ConsentKit can check what the template shows before it counts as the notice (as the tag helper checks the
/// <c>_ConsentBanner</c> partial).
/// </summary>
internal static class TemplateRendering
{
    public static async Task<string> ToHtmlAsync(IServiceProvider services, ILoggerFactory loggers, HttpContext http, RenderFragment content)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(Host.Request)] = http,
                [nameof(Host.Content)] = content,
            });
            var output = await renderer.RenderComponentAsync<Host>(parameters);
            return output.ToHtmlString();
        });
    }

    /// <summary>Cascades the request to the template, as static rendering does for the page.</summary>
    internal sealed class Host : IComponent
    {
        private RenderHandle _handle;

        [Parameter]
        public HttpContext? Request { get; set; }

        [Parameter]
        public RenderFragment? Content { get; set; }

        public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

        public Task SetParametersAsync(ParameterView parameters)
        {
            parameters.SetParameterProperties(this);
            _handle.Render(Build);
            return Task.CompletedTask;
        }

        private void Build(RenderTreeBuilder builder)
        {
            builder.OpenComponent<CascadingValue<HttpContext>>(0);
            builder.AddComponentParameter(1, nameof(CascadingValue<HttpContext>.Value), Request);
            builder.AddComponentParameter(2, nameof(CascadingValue<HttpContext>.IsFixed), true);
            builder.AddComponentParameter(3, nameof(CascadingValue<HttpContext>.ChildContent), Content);
            builder.CloseComponent();
        }
    }
}
