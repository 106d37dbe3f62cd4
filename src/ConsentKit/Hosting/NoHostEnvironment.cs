using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ConsentKit;

/// <summary>Stands in when ConsentKit runs outside a host (tests, tools): not Development.</summary>
internal sealed class NoHostEnvironment : IHostEnvironment
{
    public static readonly NoHostEnvironment Instance = new();

    public string EnvironmentName { get; set; } = "Production";
    public string ApplicationName { get; set; } = "";
    public string ContentRootPath { get; set; } = "";
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
