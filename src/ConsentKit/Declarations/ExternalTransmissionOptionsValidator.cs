using Microsoft.Extensions.Options;

namespace ConsentKit;

/// <summary>Runs <see cref="DeclarationValidator"/> for the options system, so <c>ValidateOnStart</c> stops the app.</summary>
internal sealed class ExternalTransmissionOptionsValidator : IValidateOptions<ExternalTransmissionOptions>
{
    public ValidateOptionsResult Validate(string? name, ExternalTransmissionOptions options)
    {
        var problems = DeclarationValidator.Validate(options);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }
}
