@_exported import CardConcurrency
