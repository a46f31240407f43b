"""Smoke test of the quick start over real HTTP: the login page, then each demo user
signs in and opens their home page. Run against a server started by `.ci/run`.

    python scripts/smoke_quickstart.py http://127.0.0.1:8765
"""

import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

PASSWORD = "salamat1404"
# username → a text their home page must show
DEMO_USERS = {
    "admin": "کارشناس ستاد وزارت",
    "tums_staff": "دانشگاه علوم پزشکی تهران",
    "mums_staff": "دانشگاه علوم پزشکی مشهد",
    "sums_staff": "دانشگاه علوم پزشکی شیراز",
    "tehran_province": "دبیرخانه مجمع سلامت استان",
    "tehran_county": "دبیرخانه مجمع سلامت شهرستان",
    "facilitator": "تسهیلگر محلی",
    "secretary": "دبیر کانون",
}


def fetch(opener, url, data=None):
    body = urllib.parse.urlencode(data).encode() if data else None
    with opener.open(url, body, timeout=30) as response:
        return response.status, response.geturl(), response.read().decode()


def main(base: str) -> int:
    failures = []
    status, _, page = fetch(urllib.request.build_opener(), f"{base}/accounts/login/")
    if status != 200 or "ورود به سامانه" not in page or 'dir="rtl"' not in page:
        failures.append("login page is not the Persian RTL login")
    for username, expected in DEMO_USERS.items():
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        _, _, page = fetch(opener, f"{base}/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        opener.addheaders = [("Referer", f"{base}/accounts/login/")]
        status, final_url, home = fetch(
            opener,
            f"{base}/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": username, "password": PASSWORD},
        )
        if status != 200 or urllib.parse.urlparse(final_url).path != "/" or expected not in home:
            failures.append(
                f"{username}: did not reach a home page showing «{expected}» ({final_url})"
            )
        else:
            print(f"ok  {username}")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/")))
