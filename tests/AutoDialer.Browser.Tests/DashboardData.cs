using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AutoDialer.AspNetCore.Tests;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Events;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Events;
using Dapper;
using Microsoft.Playwright;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Browser.Tests;

/// <summary>
/// Fills every text the dashboard shows from users, lists and vendors with two given texts: the campaign's name, its
/// agents (assigned, and seen on the bridge) and provider account, a caller number's id and area, a list's file name, columns and contact fields (its
/// rejects), a failed upload's error, attempts' agent, caller number and vendor message, a do-not-call source, a
/// quarantined vendor event's reason, disposition codes' labels, a code calls carry, a callback's owner and note, and
/// an agent's disposition on the audit trail. Both texts land on every page, so a test can look for them there.
/// </summary>
internal static class DashboardData
{
    public sealed record Seeded(long CampaignId, string FileName, byte[] List);

    public static async Task<Seeded> SeedAsync(ApiServer server, string a, string b)
    {
        var id = await server.CreateCampaignAsync($"{a} {b}");
        var campaigns = new CampaignStore(server.Db);
        var campaign = (await campaigns.FindAsync(id))!;
        // Straight to the store: these texts are what must be shown safely, whether or not the API would accept them.
        await campaigns.UpdateSettingsAsync(id, campaign.Settings with
        {
            AgentIds = [a, b],
            ProviderAccount = b,
            CallerNumbers = [new CallerNumber(a, "+861062345678", b, DailyCap: 200)],
            Dispositions = new DispositionPolicy { Codes = [new DispositionCode("success", a, b, DispositionEffect.FinalSuccess)] },
        });

        await new AutoDialer.PostgreSql.Agents.SeenAgents(server.Db).RecordVendorListAsync(b, [a, b], DateTimeOffset.UtcNow, CancellationToken.None);

        var fileName = SafeFileName(a) + ".csv";
        var list = Encoding.UTF8.GetBytes(
            $"phone,name,{Csv(a)}\n13800138000,{Csv(b)},{Csv(a)}\n13900139000,{Csv(a)},{Csv(b)}\n12,{Csv(a)},{Csv(b)}\n");
        var imported = await server.UploadAndImportAsync(id, list, fileName);
        Assert.Equal("imported", imported.GetProperty("status").GetString());
        var failed = await server.UploadAndImportAsync(id, Encoding.UTF8.GetBytes($"name,{Csv(a)},{Csv(b)}\nx,y,z\n"), "no-phone.csv");
        Assert.Equal("failed", failed.GetProperty("status").GetString());

        await using (var connection = await server.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                insert into attempts (campaign_id, contact_id, provider_account, agent_id, phone, dial_string, caller_number_id,
                                      caller_number, status, outcome, ring_seconds, talk_seconds, vendor_code, vendor_message, node,
                                      created_at, settled_at)
                select c.campaign_id, c.id, @b, case when c.phone like '%8000' then @a else @b end, c.phone, c.phone, @a,
                       @b, 'settled', case when c.phone like '%8000' then 'answered' else 'no_answer' end, 7, 42, @a, @b, 'test',
                       now(), now()
                from contacts c where c.campaign_id = @id
                """, new { id, a, b });
            // Every call carries a code the campaign does not offer (named a), the valid contact waits for a callback
            // owned by agent a, with note b; an agent's disposition is on the audit trail.
            await connection.ExecuteAsync("""
                update attempts set disposition_code = @a, disposition_effect = 'callback', disposition_note = @b, disposed_at = now()
                where campaign_id = @id;
                insert into campaign_dispositions (campaign_id, code, attempts)
                select @id, @a, count(*) from attempts where campaign_id = @id;
                update contacts set callback_at = now() + interval '1 hour', callback_agent_id = @a, callback_owner_until = now() + interval '70 minutes'
                where campaign_id = @id and phone like '%8000';
                insert into audit_entries (actor_kind, actor, action, target_type, target_id, campaign_id, details)
                values ('agent', @a, 'disposition_record', 'attempt', '1', @id, jsonb_build_object('code', @a, 'effect', 'callback', 'provider_account', @b));
                """, new { id, a, b });
        }

        await server.PostJsonAsync("api/dnc", new { numbers = new[] { "13700137000" }, source = $"{a} {b}" }, HttpStatusCode.OK);
        using var payload = JsonDocument.Parse("""{"Data":{"CallID":"c1"}}""");
        var poison = new CallCenterEvent(EventVendor.Simulator, b, a, UdeskEventNames.Delivered, DateTimeOffset.UtcNow, "e1", payload.RootElement.Clone());
        await new EventQuarantine(server.Db).AddAsync(b, [(poison, $"{a} {b}")], CancellationToken.None);
        return new Seeded(id, fileName, list);
    }

    /// <summary>
    /// On the upload page (#/upload?campaign=ID), once it has chosen the campaign, drops the seeded list on the drop
    /// zone, as a person dragging it from the desktop does, and imports it with the columns the mapping step detected.
    /// </summary>
    public static async Task DropListAsync(IPage page, Seeded seeded)
    {
        await Assertions.Expect(page.GetByTestId("upload-campaign")).ToHaveValueAsync(seeded.CampaignId.ToString(CultureInfo.InvariantCulture));
        await DropFileAsync(page, seeded.List, seeded.FileName, "text/csv");
        await page.GetByTestId("confirm-mapping").ClickAsync();
    }

    /// <summary>Drops a file on the upload page's drop zone: a real drop event carrying it.</summary>
    public static Task DropFileAsync(IPage page, byte[] bytes, string fileName, string type) =>
        page.EvaluateAsync("""
            ([b64, name, type]) => {
              const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], name, { type }));
              document.querySelector('[data-testid=drop-zone]').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """, new object[] { Convert.ToBase64String(bytes), fileName, type });

    private static string Csv(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // The server keeps only the last path segment of a file name (Path.GetFileName).
    private static string SafeFileName(string text) => text.Replace('/', '_');
}
