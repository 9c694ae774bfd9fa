"""The XMP carrier: property `TC260:AIGC` in namespace `http://www.tc260.org.cn/ns/AIGC/1.0/`.

Writing updates the one property inside an existing packet and keeps every other property;
reading accepts the element form (`<TC260:AIGC>…</TC260:AIGC>`) and the attribute form
(`TC260:AIGC="…"` on an `rdf:Description`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hegui.label.metadata import AIGCLabel

TC260_NS = "http://www.tc260.org.cn/ns/AIGC/1.0/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
X_NS = "adobe:ns:meta/"
PROPERTY = f"{{{TC260_NS}}}AIGC"
_PREFIXES = {
    "x": X_NS, "rdf": RDF_NS, "TC260": TC260_NS, "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "exif": "http://ns.adobe.com/exif/1.0/", "tiff": "http://ns.adobe.com/tiff/1.0/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "stEvt": "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#",
}
_HEAD = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
_TAIL = '\n<?xpacket end="w"?>'


def _is_aigc(name: str) -> bool:
    # Lenient on the namespace spelling (with or without the trailing slash), strict on the name.
    return name.endswith("}AIGC") and "tc260" in name.lower()


def _body(packet: bytes) -> bytes:
    start = packet.find(b"<x:xmpmeta")
    if start < 0:
        start = packet.find(b"<rdf:RDF")
    if start < 0:
        start = packet.find(b"<")
    end = max(packet.rfind(b"</x:xmpmeta>"), -1)
    if end >= 0:
        return packet[start:end + len(b"</x:xmpmeta>")]
    end = packet.rfind(b"</rdf:RDF>")
    return packet[start:end + len(b"</rdf:RDF>")] if end >= 0 else packet[start:]


def _parse(packet: bytes) -> ET.Element | None:
    try:
        return ET.fromstring(_body(packet))
    except ET.ParseError:
        return None


def read_xmp_label(packet: bytes) -> str | None:
    """The stored value of `TC260:AIGC` in an XMP packet, or None."""
    root = _parse(packet)
    if root is None:
        return None
    for el in root.iter():
        for key, value in el.attrib.items():
            if _is_aigc(key):
                return value
        if _is_aigc(el.tag) and el.text:
            return el.text
    return None


def _rdf(root: ET.Element) -> ET.Element:
    if root.tag == f"{{{RDF_NS}}}RDF":
        return root
    found = root.find(f"{{{RDF_NS}}}RDF")
    if found is None:
        found = ET.SubElement(root, f"{{{RDF_NS}}}RDF")
    return found


def _drop_label(root: ET.Element) -> None:
    for el in root.iter():
        for key in [k for k in el.attrib if _is_aigc(k)]:
            del el.attrib[key]
        for child in [c for c in el if _is_aigc(c.tag)]:
            el.remove(child)


def build_xmp(label: AIGCLabel, existing: bytes | None = None) -> bytes:
    """An XMP packet holding `label` (value = the seven-field JSON), other properties kept."""
    for prefix, uri in _PREFIXES.items():
        ET.register_namespace(prefix, uri)
    root = _parse(existing) if existing else None
    if root is None:
        root = ET.Element(f"{{{X_NS}}}xmpmeta")
    else:
        _drop_label(root)
    rdf = _rdf(root)
    desc = next((d for d in rdf if d.tag == f"{{{RDF_NS}}}Description"
                 and any(k.startswith(f"{{{TC260_NS}}}") for k in d.attrib)), None)
    if desc is None:
        desc = ET.SubElement(rdf, f"{{{RDF_NS}}}Description", {f"{{{RDF_NS}}}about": ""})
    ET.SubElement(desc, PROPERTY).text = label.inner_json()
    return (_HEAD + ET.tostring(root, encoding="unicode") + _TAIL).encode("utf-8")
