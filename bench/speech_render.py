"""Reading a commune radio bulletin aloud: how long the worker takes for a ~3-minute bulletin.

Fixture: the ~550-word (syllable) CCHC bulletin below (numbers, dates, abbreviations as officials write them).
Figures (median of BENCH_SPEECH_RUNS runs, default 5, on one core as the worker has it):
(a) baseline: the ``espeak-ng`` program alone, writing its WAV, with the arguments the worker uses;
(b) ``normalize.to_spoken``; (c) ``speech.render`` (engine, WAV read, MP3 encoding), with (d) the MP3
encoding alone; (e) the whole of what the worker does, (b) + (c). Each is given as a real-time factor
(time / audio duration). Goal: (e) under 0.05, i.e. a 3-minute bulletin ready in under 9 seconds.
No database is needed. Alone: ``python -m bench speech_render``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = int(os.environ.get("BENCH_SPEECH_RUNS", "5"))
GOAL = 0.05

BULLETIN = """\
Kính thưa bà con nhân dân trong toàn xã!

Thực hiện Kế hoạch số 45/KH-UBND ngày 15/01/2026 của UBND xã về tuyên truyền cải cách hành chính \
năm 2026, Đài truyền thanh xã xin thông tin tới bà con một số nội dung về việc giải quyết thủ tục \
hành chính tại Bộ phận tiếp nhận và trả kết quả của xã.

Thứ nhất, về thời gian làm việc. Từ ngày 01/12/2026, Bộ phận một cửa của UBND xã tiếp nhận hồ sơ \
từ thứ Hai đến thứ Sáu, buổi sáng từ 7 giờ 30 đến 11 giờ 30, buổi chiều từ 13 giờ 30 đến 17 giờ. \
Riêng sáng thứ Bảy, xã bố trí cán bộ trực để tiếp nhận hồ sơ đăng ký khai sinh, khai tử và chứng \
thực bản sao cho bà con đi làm ăn xa về quê. Bà con lưu ý mang theo căn cước công dân hoặc căn \
cước có gắn chíp khi đến làm thủ tục.

Thứ hai, về dịch vụ công trực tuyến. Hiện nay bà con có thể nộp hồ sơ qua Cổng Dịch vụ công quốc \
gia hoặc ứng dụng VNeID mà không cần đến trụ sở xã. Đối với các thủ tục liên thông như đăng ký \
khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi, bà con chỉ cần khai \
một lần trên điện thoại. Năm 2025, toàn xã đã tiếp nhận 1.248 hồ sơ, trong đó 72% được nộp trực \
tuyến và 98,5% được giải quyết đúng hạn hoặc trước hạn. Xã mong bà con tiếp tục ủng hộ để tỷ lệ \
này ngày càng cao hơn.

Thứ ba, về phí và lệ phí. Bà con nộp hồ sơ trực tuyến được giảm 50% lệ phí đối với một số thủ tục \
theo Thông tư số 106/2021/TT-BTC của Bộ Tài chính. Khi nộp tiền, bà con nên chuyển khoản hoặc \
thanh toán qua ứng dụng ngân hàng và giữ lại biên lai điện tử. Cán bộ xã không thu bất kỳ khoản \
tiền nào ngoài quy định.

Thứ tư, về việc lấy ý kiến người dân. Từ ngày 05 đến ngày 20 tháng 12, xã tổ chức khảo sát mức độ \
hài lòng của người dân đối với sự phục vụ của cơ quan hành chính. Bà con có thể trả lời phiếu \
khảo sát bằng cách quét mã QR dán tại nhà văn hóa các thôn, hoặc điền phiếu giấy tại Bộ phận một \
cửa. Ý kiến của bà con được giữ kín và là căn cứ để xã cải tiến cách làm việc.

Mọi phản ánh, kiến nghị về thủ tục hành chính, bà con liên hệ đồng chí Nguyễn Thị Hoa, công chức \
Văn phòng – Thống kê, số điện thoại 0208 3856 123, hoặc gửi vào hòm thư góp ý đặt tại trụ sở UBND \
xã. Xã cam kết trả lời trong thời hạn 10 ngày làm việc.

Đài truyền thanh xã vừa thông tin tới bà con về công tác cải cách hành chính của xã trong tháng 12. \
Đề nghị trưởng các thôn, xóm, bí thư chi bộ và các đoàn thể tiếp tục tuyên truyền, vận động bà con \
thực hiện. Xin cảm ơn bà con đã chú ý lắng nghe!
"""


def _setup() -> None:
    from django.apps import apps

    if apps.ready:
        return
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    os.environ.update({"TESTING": "1", "SECRET_KEY": "bench", "DEBUG": "0", "ALLOWED_HOSTS": "*"})
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()


def _median_s(call) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    print("\nĐọc bản tin truyền thanh / reading a radio bulletin aloud (espeak-ng → MP3)")
    if shutil.which("espeak-ng") is None:
        print("  bỏ qua / skipped: cần espeak-ng / needs espeak-ng (apt-get install espeak-ng)")
        return 1
    _setup()
    from cchc.broadcasts import speech
    from cchc.broadcasts.normalize import to_spoken

    try:
        spoken = to_spoken(BULLETIN)
        normalised = True
    except NotImplementedError:
        spoken, normalised = BULLETIN, False

    engine = speech.EspeakEngine()
    espeak_args = [shutil.which(engine.command), "-v", engine.voice, "-s", str(engine.speed), "--stdout", "--stdin"]
    text = spoken.strip().encode("utf-8")

    def espeak_alone():
        subprocess.run(espeak_args, input=text, capture_output=True, check=True)  # noqa: S603

    wav = speech.render_wav(spoken)
    audio = speech.render(spoken)
    seconds = audio.duration
    base = _median_s(espeak_alone)
    normalise = _median_s(lambda: to_spoken(BULLETIN)) if normalised else 0.0
    render = _median_s(lambda: speech.render(spoken))
    encode = _median_s(lambda: speech.to_mp3(wav))
    base = statistics.median([base, _median_s(espeak_alone)])  # again, after: the machine is shared
    whole = normalise + render

    words = len(BULLETIN.split())
    print(
        f"Bản tin {words} từ / words, {seconds / 60:.1f} phút / min of audio, MP3 {len(audio.data) // 1024} KB; "
        f"trung vị {RUNS} lượt / median of {RUNS} runs"
    )
    rows = [
        ("(a) espeak-ng alone", base, "mốc / baseline"),
        ("(b) normalize.to_spoken", normalise, None if normalised else "chưa viết, không đo / not written yet"),
        ("(c) speech.render (espeak-ng + WAV + MP3)", render, None),
        ("(d)   of which MP3 encoding (lameenc)", encode, None),
        ("(e) the worker's whole job: (b) + (c)", whole, None),
    ]
    for label, secs, note in rows:
        print(
            f"  {label:<52} {secs * 1000:8.0f} ms   RTF {secs / seconds:6.4f}   "
            f"{note or f'{secs / base:5.2f} × mốc / baseline'}"
        )
    met = whole / seconds < GOAL
    print(f"  mục tiêu / goal (e) RTF < {GOAL}: {'đạt / met' if met else 'CHƯA ĐẠT / NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
