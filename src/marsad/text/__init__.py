"""Text: normalisation (with offsets back), sentences, tokens, clitic-aware dictionary matching."""
