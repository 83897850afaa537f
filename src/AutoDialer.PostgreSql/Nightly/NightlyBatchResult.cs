namespace AutoDialer.PostgreSql.Nightly;

/// <param name="AlreadyClosed">The day had been closed before: nothing changed.</param>
/// <param name="Rescheduled">Deferred contacts with budget left, now due in the next day's window.</param>
/// <param name="Finalised">Contacts whose attempt budget is spent, now done.</param>
/// <remarks>The day's report is in its <c>daily_reports</c> row (see <c>DailyReports</c>).</remarks>
internal sealed record NightlyBatchResult(long CampaignId, DateOnly Day, bool AlreadyClosed, int Rescheduled, int Finalised);
