using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsentKit;

/// <summary>Runs <see cref="DeclarationValidator"/> for the options system, so <c>ValidateOnStart</c> stops the app.</summary>
/// <remarks>Warnings do not stop the app (unless <see cref="ExternalTransmissionOptions.TreatWarningsAsErrors"/>); each is logged once.</remarks>
internal sealed class ExternalTransmissionOptionsValidator(ILogger<ExternalTransmissionOptionsValidator> logger) : IValidateOptions<ExternalTransmissionOptions>
{
    private int _warned;

    public ValidateOptionsResult Validate(string? name, ExternalTransmissionOptions options)
    {
        var problems = DeclarationValidator.Validate(options);
        var blocking = DeclarationValidator.Blocking(options, problems);
        if (blocking.Count > 0)
        {
            return ValidateOptionsResult.Fail(blocking.Select(p => p.ToString()));
        }

        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            foreach (var warning in problems)
            {
                Log.DeclarationWarning(logger, warning.ToString());
            }
        }

        return ValidateOptionsResult.Success;
    }
}
