using AutoDialer.Core;
using AutoDialer.PostgreSql.Import;

namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// Imports one uploaded list. Thin on purpose: the work is <see cref="ListUploads.ImportAsync"/>. A failure is retried
/// with growing waits a bounded number of times (<see cref="AutoDialerJobFilters"/>; every attempt is in the dashboard's
/// history); a list that can never be imported (bad format) fails once, its exception the reason.
/// </summary>
internal sealed class ImportContactListJob(ListUploads uploads, AutoDialerTelemetry telemetry)
{
    public async Task<string> RunAsync(long uploadId, CancellationToken cancellationToken)
    {
        var result = await uploads.ImportAsync(uploadId, cancellationToken);
        telemetry.CountImportRows("accepted", result.Accepted);
        telemetry.CountImportRows("rejected", result.Rejected);
        telemetry.CountImportRows("duplicate", result.Duplicates);
        telemetry.CountImportRows("suppressed", result.Suppressed);
        return $"list {result.ListId}: {result.Rows} rows, {result.Accepted} accepted, {result.Rejected} rejected, " +
               $"{result.Duplicates} duplicates, {result.Suppressed} suppressed";
    }
}
