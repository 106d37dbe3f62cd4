using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConsentKit.IntegrationTests;

[CollectionDefinition(nameof(EnvironmentVariableCollection), DisableParallelization = true)]
public sealed class EnvironmentVariableCollection;

/// <summary>A declaration that breaks the law stops the app, wherever it was declared, with a message naming module, item and article.</summary>
[Collection(nameof(EnvironmentVariableCollection))]
public class StartupValidationTests
{
    private const string Expected = "module 'line-tag': 利用目的 (送信先) / recipient's purpose of use is missing (Ordinance 22-2-29 (iii))";

    [Fact]
    public async Task R6_MissingRecipientPurposeDeclaredInCodeStopsStartup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddExternalTransmissionNotice(o =>
        {
            Fixtures.Declare(o);
            o.FindModule("ads")!.Purpose.Recipient = null;
        });
        await using var app = builder.Build();

        var start = () => app.StartAsync();
        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should()
            .Contain("module 'ads': 利用目的 (送信先) / recipient's purpose of use is missing (Ordinance 22-2-29 (iii))");
    }

    [Fact]
    public async Task R6_MissingRecipientPurposeInAppsettingsJsonStopsStartup()
    {
        var path = Path.Combine(Path.GetTempPath(), $"consentkit-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """
        {
          "ConsentKit": {
            "Operator": { "Name": "株式会社テスト" },
            "Modules": {
              "line-tag": {
                "Name": "LINE Tag",
                "Category": "Advertising",
                "Recipient": { "Name": "LINEヤフー株式会社" },
                "Information": [ "閲覧したページのURL" ],
                "Purpose": { "Operator": "広告の効果を測るため" },
                "Measure": "Consent"
              },
              "typo": { "Name": "誤記", "Measure": "Consnet" }
            }
          }
        }
        """);
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddJsonFile(path);
            builder.Services.AddExternalTransmissionNotice();
            await using var app = builder.Build();

            var start = () => app.StartAsync();
            var message = (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message;
            message.Should().Contain(Expected);
            message.Should().Contain("'Consnet' at 'ConsentKit:Modules:typo:Measure' is not valid", "every problem is reported at once");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task R6_AnEnvironmentVariableThatBlanksTheRecipientPurposeStopsTheSample()
    {
        // The flagship declares line-tag in appsettings.json; the variable overrides one item of one module by its id.
        Environment.SetEnvironmentVariable("ConsentKit__Modules__line-tag__Purpose__Recipient", " ");
        try
        {
            using var factory = new SampleFactory();
            var create = () => factory.CreateClient();
            create.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(Expected);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ConsentKit__Modules__line-tag__Purpose__Recipient", null);
        }

        await Task.CompletedTask;
    }

    [Fact]
    public async Task An_environment_variable_can_change_one_modules_measure()
    {
        Environment.SetEnvironmentVariable("ConsentKit__Modules__google-analytics__Measure", "Publication");
        try
        {
            using var factory = new SampleFactory();
            var response = await factory.CreateClient().GetStringAsync("/external-transmission.json");
            response.Should().Contain("\"measure\": \"Publication\"");
        }
        finally
        {
            Environment.SetEnvironmentVariable("ConsentKit__Modules__google-analytics__Measure", null);
        }
    }
}
