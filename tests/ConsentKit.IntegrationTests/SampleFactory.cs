using Microsoft.AspNetCore.Mvc.Testing;

namespace ConsentKit.IntegrationTests;

/// <summary>The flagship sample, as a visitor reaches it, in Development.</summary>
public sealed class SampleFactory : WebApplicationFactory<ConsentKit.Samples.RazorPages.SiteSecurityHeaders>
{
}

/// <summary>The MVC sample.</summary>
public sealed class MvcSampleFactory : WebApplicationFactory<ConsentKit.Samples.Mvc.Controllers.HomeController>
{
}

/// <summary>The Minimal API sample.</summary>
public sealed class MinimalApiSampleFactory : WebApplicationFactory<ConsentKit.Samples.MinimalApi.Pages>
{
}
