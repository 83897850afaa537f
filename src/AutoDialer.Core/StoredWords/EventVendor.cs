namespace AutoDialer.Core.StoredWords;

/// <summary>Whose vocabulary a call-center event is written in; stored by its name in <see cref="EventVendors"/>.</summary>
internal enum EventVendor
{
    /// <summary>A Udesk CCPaaS workbench (PascalCase names, the <c>{ Code, Data, Message, Visible }</c> envelope).</summary>
    Udesk,

    /// <summary>A Meiqia call SDK page (camelCase names).</summary>
    Meiqia,

    /// <summary>
    /// The in-process simulated call center. It speaks Udesk's vocabulary, so its events are read as Udesk's; stored
    /// under its own name so that a simulated event is never taken for one a Udesk account sent.
    /// </summary>
    Simulator,
}
