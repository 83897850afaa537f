using AutoDialer.Core.Campaigns;
using Microsoft.AspNetCore.Http;

namespace AutoDialer.AspNetCore.Api;

/// <summary>The API's error responses, all RFC 9457 problem details.</summary>
internal static class Problems
{
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Invalid(IEnumerable<SettingsError> errors, string prefix = "") =>
        Results.ValidationProblem(errors
            .GroupBy(e => prefix.Length == 0 ? e.Field : $"{prefix}.{e.Field}")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) => Results.ValidationProblem(errors);

    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} does not exist.");

    public static IResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail, extensions: extensions);

    public static IResult UnsupportedMediaType(string expected) =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
            detail: $"Send the body as {expected}.");
}
