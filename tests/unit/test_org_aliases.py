"""The shipped list of organisations' short forms is what its curated, sourced table builds."""

from reader.core.entities import alias_sources
from reader.core.entities.aliases import ALIASES_FILE, org_aliases


def test_the_shipped_list_is_rebuilt_byte_for_byte(tmp_path):
    out = tmp_path / "org_aliases.tsv"
    alias_sources.build(out)
    assert out.read_bytes() == ALIASES_FILE.read_bytes()


def test_every_row_names_a_source_and_the_short_forms_read_back_folded():
    assert all(source.startswith("wikipedia: ") for *_names, source in alias_sources.CURATED)
    listed = org_aliases()
    assert listed["tories"] == ("Conservative Party", False)
    assert listed["lib dems"] == ("Liberal Democrats", False)
    assert listed["delta"] == ("Delta Air Lines", True)  # only where the library types it ORG
    assert listed["conservative party"] == ("Conservative Party", False)
