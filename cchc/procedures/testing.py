"""Test helpers: a procedure of the catalogue as its import file gives it, valid by default."""

from __future__ import annotations


def catalogue_procedure(code: str, name: str, field: str, **extra) -> dict:
    """One procedure in the catalogue's file format (``docs/thu-tuc-hanh-chinh.md``), ready to load."""
    return {
        "code": code,
        "name": name,
        "field": field,
        "steps": ["Nộp hồ sơ.", "Nhận kết quả."],
        "submission": [{"method": "truc_tiep", "time": "Trong ngày", "fee": "Không"}],
        "dossier": [{"name": "Tờ khai", "copies": "01 bản chính"}],
        "processing_time": "Trong ngày",
        "agency": "Ủy ban nhân dân cấp xã",
        "result": "Giấy tờ",
        **extra,
    }
