using Microsoft.AspNetCore.Mvc.Testing;

namespace ConsentKit.IntegrationTests;

/// <summary>The flagship sample, as a visitor reaches it, in Development.</summary>
public sealed class SampleFactory : WebApplicationFactory<Program>
{
}
