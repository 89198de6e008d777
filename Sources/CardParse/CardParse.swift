// CardParse: the whole library in one import, for library users and the command-line tools.
// Each stage is a module of its own (see Package.swift for the order); this one re-exports them.
@_exported import CardConcurrency
@_exported import CardModel
@_exported import CardFormats
@_exported import CardNormalize
@_exported import CardDedup
@_exported import CardExport
@_exported import CardStore
