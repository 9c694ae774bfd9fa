"""hegui.corpus: training-data compliance (TC260-003 §5, Interim Measures Art. 7).

readers → per-record operator → aggregation → writers; the same operator runs on the local
engine (processes) and on Ray. Entry point: `hegui.corpus.scan.run_scan`.
"""
