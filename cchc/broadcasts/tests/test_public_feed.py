"""The podcast feed: RSS 2.0 a podcast app reads, with an enclosure per archived broadcast whose length
is the file's, addresses absolute on the commune's own host, and nothing of another commune."""

from __future__ import annotations

from defusedxml import ElementTree as ET

from .test_public_archive import aired_script, host, mp3_bytes, wav_bytes

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def test_the_feed_has_an_enclosure_per_broadcast_with_the_files_length(client, commune_a, commune_b, make_cluster):
    cluster_a = make_cluster(commune_a)
    recorded = aired_script(commune_a, cluster_a, "Bản tin có ghi âm", days_ago=1, recording=mp3_bytes(2), seconds=125)
    rendered = aired_script(commune_a, cluster_a, "Bản tin giọng máy", days_ago=2)
    aired_script(commune_b, make_cluster(commune_b, "Cụm loa Phú"), "Bài của Phú Đình")

    response = client.get("/truyen-thanh/podcast.xml", **host(commune_a))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert "Định Biên" in channel.findtext("title")
    assert channel.findtext("link") == "http://dinh-bien.localhost/truyen-thanh/"
    assert channel.find(f"{ITUNES}author") is not None
    assert channel.find(f"{ITUNES}category") is not None
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [recorded.title, rendered.title]
    first, second = (item.find("enclosure") for item in items)
    assert first.get("url") == f"http://dinh-bien.localhost/truyen-thanh/{recorded.pk}/am-thanh.mp3"
    assert first.get("type") == "audio/mpeg"
    assert first.get("length") == str(len(mp3_bytes(2)))
    assert second.get("type") == "audio/wav"
    assert second.get("length") == str(len(wav_bytes(1)))
    assert items[0].findtext(f"{ITUNES}duration") == "00:02:05"
    assert items[0].findtext("link") == f"http://dinh-bien.localhost/truyen-thanh/{recorded.pk}/"
    served = client.get(first.get("url").removeprefix("http://dinh-bien.localhost"), **host(commune_a))
    assert served["Content-Length"] == first.get("length")


def test_another_communes_feed_has_only_its_own_broadcasts(client, commune_a, commune_b, make_cluster):
    aired_script(commune_a, make_cluster(commune_a), "Bài của Định Biên")

    response = client.get("/truyen-thanh/podcast.xml", **host(commune_b))

    channel = ET.fromstring(response.content).find("channel")
    assert channel.findall("item") == []
    assert "Phú Đình" in channel.findtext("title")
    assert "Định Biên" not in response.content.decode()
