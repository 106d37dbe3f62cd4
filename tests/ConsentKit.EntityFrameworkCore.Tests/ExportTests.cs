namespace ConsentKit.EntityFrameworkCore.Tests;

public class ExportTests
{
    private static async IAsyncEnumerable<StoredConsentRecord> One(ConsentRecord record)
    {
        await Task.Yield();
        yield return new StoredConsentRecord(Guid.Empty, record, Verified: false);
    }

    [Fact]
    public async Task CsvQuotesSeparatorsAndDefusesFormulas()
    {
        var record = Records.Of("r1", ConsentAction.Grant, TransmissionStatus.Allowed, new DateTimeOffset(2026, 11, 26, 1, 2, 3, TimeSpan.Zero));
        var hostile = new ConsentRecord
        {
            ReceiptId = record.ReceiptId, Timestamp = record.Timestamp, Source = record.Source, Action = record.Action, NoticeSha256 = record.NoticeSha256,
            Language = NoticeLanguage.English, Controller = record.Controller, GlobalPrivacyControl = true,
            Decisions = [new ConsentRecordEntry { ModuleId = "m", Measure = TransmissionMeasure.Consent, Status = TransmissionStatus.Allowed, Fingerprint = "f", Recipient = "=HYPERLINK(\"x\"), Inc." }],
        };
        using var writer = new StringWriter();

        (await ConsentRecordExport.WriteCsvAsync(One(hostile), writer)).Should().Be(1);

        var row = writer.ToString().Split(Environment.NewLine)[1];
        row.Should().Be("00000000000000000000000000000000,r1,2026-11-26T01:02:03.000000Z,NoticePage,Grant,m,Consent,Allowed,f,\"'=HYPERLINK(\"\"x\"\"), Inc.\",n1,en,true,false");
    }
}
