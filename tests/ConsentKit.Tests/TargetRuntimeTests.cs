namespace ConsentKit.Tests;

/// <summary>
/// The net8.0 build of the library is tested on a .NET 8 runtime, not rolled forward onto .NET 10 (where it would
/// only prove that it compiles). ./test.sh provides the runtime (scripts/install-net8-runtime.sh) and runs this suite
/// and the integration suite for both target frameworks.
/// </summary>
public sealed class TargetRuntimeTests
{
    [Fact]
    public void Each_target_framework_runs_on_its_own_runtime()
    {
#if NET8_0
        Environment.Version.Major.Should().Be(8, "the net8.0 tests must run on a .NET 8 runtime, not roll forward to a newer one");
        typeof(ExternalTransmissionOptions).Assembly.Location.Should().Contain("net8.0", "the tests must exercise the library's net8.0 build");
#else
        Environment.Version.Major.Should().Be(10);
        typeof(ExternalTransmissionOptions).Assembly.Location.Should().Contain("net10.0");
#endif
        typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.GetName().Version!.Major.Should().Be(Environment.Version.Major,
            "ASP.NET Core must come from the same shared runtime version");
    }
}
