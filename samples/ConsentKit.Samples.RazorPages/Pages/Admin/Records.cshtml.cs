using ConsentKit.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentKit.Samples.RazorPages.Pages.Admin;

/// <summary>Looks up a receipt: what it agreed to, when, and to which notice text. Behind <see cref="ConsentRecordsAdmin.Policy"/>.</summary>
public sealed class RecordsModel(IConsentRecordStore store, IConsentDecisionStore decisions) : PageModel
{
    public string? Receipt { get; private set; }

    public IReadOnlyList<StoredConsentRecord> Records { get; private set; } = [];

    public IReadOnlyList<ConsentDecision> Current { get; private set; } = [];

    public async Task OnGetAsync(string? receipt)
    {
        Receipt = receipt?.Trim();
        if (!string.IsNullOrEmpty(Receipt))
        {
            Records = await store.FindByReceiptAsync(Receipt, HttpContext.RequestAborted);
            Current = await decisions.GetAsync(Receipt.ToLowerInvariant(), HttpContext.RequestAborted);
        }
    }
}
