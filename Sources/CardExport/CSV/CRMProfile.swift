
/// The CRM layouts cardtool writes (`--crm`).
public enum CRMProfile: String, Sendable, CaseIterable {
    case generic, hubspot, salesforce, google, outlook

    /// The exporter that writes this layout.
    public var exporter: any CRMExporter {
        switch self {
        case .generic: GenericCSVExporter()
        case .hubspot: HubSpotExporter()
        case .salesforce: SalesforceExporter()
        case .google: GoogleCSVExporter()
        case .outlook: OutlookCSVExporter()
        }
    }
}
