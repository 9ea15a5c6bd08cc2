"""directives: Vietnamese Party and State directive documents -> a citation graph.

One public verb per stage (layers import downward only; see ARCHITECTURE.md):
    read_document(path)            file -> RawDocument (pages of text)           pipeline.read
    clean_text(text)               text -> CleanText (normalized + offset map)   pipeline.normalize
    segment(text)                  text -> Structure (header, title, sentences)  pipeline.segment
    get_references(text)           text -> list[Reference]                       pipeline.extract
    extract_text(text)             text -> ExtractionResult, unresolved          pipeline.extract
    resolve_document(result)       targets of its references, chains named       pipeline.resolve
    analyze_document(path)         file -> ExtractionResult, resolved            pipeline.document
    resolve_corpus(results)        results -> nodes and targets                  pipeline.resolve
"""
__version__ = "0.1.0"
