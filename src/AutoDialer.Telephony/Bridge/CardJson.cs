using System.Globalization;
using System.Text.Json.Nodes;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Preview;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// A <see cref="CallCard"/> as the page reads it (camelCase, as every message of the bridge): the attempt id as a string
/// (it is the business id, and a bigint), times as ISO 8601 in UTC, names of outcomes, dispositions and effects as stored.
/// </summary>
internal static class CardJson
{
    public static JsonObject Of(CallCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var attributes = new JsonObject();
        foreach (var (key, value) in card.Attributes)
            attributes[key] = value;
        return new JsonObject
        {
            ["attemptId"] = Id(card.AttemptId),
            ["campaign"] = new JsonObject { ["id"] = card.CampaignId, ["name"] = card.CampaignName },
            ["mode"] = card.Mode == DialingMode.Preview ? "preview" : "progressive",
            ["contact"] = new JsonObject { ["name"] = card.ContactName, ["number"] = card.Number, ["attributes"] = attributes },
            ["attempt"] = card.AttemptNumber,
            ["budget"] = card.AttemptBudget,
            ["history"] = new JsonArray([.. card.Earlier.Select(e => (JsonNode)new JsonObject
            {
                ["at"] = Time(e.At),
                ["outcome"] = e.Outcome,
                ["disposition"] = e.Disposition,
            })]),
            ["callback"] = card.CallbackAt is { } at ? new JsonObject { ["at"] = Time(at), ["note"] = card.CallbackNote } : null,
            ["dispositions"] = new JsonArray([.. card.Dispositions.Select(d => (JsonNode)new JsonObject
            {
                ["code"] = d.Code,
                ["labelZh"] = d.LabelZh,
                ["labelEn"] = d.LabelEn,
                ["effect"] = d.Effect.ToName(),
            })]),
        };
    }

    public static string Id(long attemptId) => attemptId.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
