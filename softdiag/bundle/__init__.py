"""The diagnostic bundle: the per-run event journal, pcap and HEP export, the report.

Everything softdiag learns is journalled as it happens (:mod:`.journal`), so a bundle can be
exported later, after a crash too (:mod:`.export`). Secrets are removed at capture and
checked again at export (:mod:`.secrets`).
"""
