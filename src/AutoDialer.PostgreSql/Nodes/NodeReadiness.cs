namespace AutoDialer.PostgreSql.Nodes;

/// <summary>
/// <c>GET /api/nodes</c>: a node of the cluster as it last reported its readiness (the checks of <c>/healthz/ready</c>).
/// <see cref="Reporting"/> is false once its report has expired (it stopped, crashed, or cannot reach the database):
/// <see cref="Ready"/> and <see cref="Failing"/> are then what it last said, as of <see cref="CheckedAt"/>.
/// </summary>
/// <param name="Failing">The names of the readiness checks that failed (<c>database</c>, <c>migrations</c>, <c>job_server</c>).</param>
internal sealed record NodeReadiness(string Node, bool Ready, IReadOnlyList<string> Failing, DateTimeOffset CheckedAt, bool Reporting);
