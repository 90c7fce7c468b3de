"""Writes tests/xss/vectors.json: the hostile snippets used by tests/xss.rs and browser tests.

Each vector, if it ever executes, calls window.__xss('<id>') or requests
http://127.0.0.1:{{PORT}}/xss/<id> ({{PORT}} is substituted by the browser harness; a few
base64 payloads can only be caught statically). Authoring placeholders below:
  MARK -> window.__xss('<id>')   PING -> http://127.0.0.1:{{PORT}}/xss/<id>   \u00a7 -> <id>
  B64<<...>> -> base64 of the payload after the substitutions above.
Run: python3 tests/xss/generate_vectors.py
"""
import json, base64, collections, re, os

V = []
def add(family, html):
    V.append((family, html))

# --- script element in every spelling -------------------------------------------------
F = "script-tag"
for h in [
    "<script>MARK</script>",
    "<SCRIPT>MARK</SCRIPT>",
    "<ScRiPt type=\"text/javascript\">MARK</sCrIpT>",
    "<script type=module>MARK</script>",
    "<script defer async nonce=abc>MARK</script>",
    "<script src=\"data:text/javascript,MARK\"></script>",
    "<script src=\"PING\"></script>",
    "<script src=\"//127.0.0.1:{{PORT}}/xss/§\"></script>",
    "<script/clearpage>MARK</script>",
    "<script\n>MARK</script\n>",
    "<script\f>MARK</script>",
    "<script\t\ttype=text/javascript\t>MARK</script>",
    "<script>MARK</script foo=\"bar\">",
    "<<script>MARK//<</script>",
    "<scr<script>ipt>MARK</scr</script>ipt>",
    "<script><!--<script></script>MARK</script>",
    "<script>/*</script><img src=x onerror=\"MARK\">*/</script>",
    "<script for=window event=onload>MARK</script>",
    "<p>Quoted <script>\nMARK\n</script> text</p>",
    "<div><span><script>MARK</script></span></div>",
    "<svg><script>MARK</script></svg>",
    "<svg><ScRiPt>MARK</ScRiPt></svg>",
    "<svg><script>window.__xss&#40;'§'&#41;</script></svg>",
    "<svg><script href=\"data:text/javascript,MARK\"/></svg>",
    "<svg><script xlink:href=\"data:text/javascript,MARK\"></script></svg>",
    "<svg><script>/*<![CDATA[*/MARK/*]]>*/</script></svg>",
    "<math><script>MARK</script></math>",
    "<script src=\"data:text/javascript;base64," + "B64<<window.__xss('§')>>" + "\"></script>",
    "<script language=\"vbscript\">window.__xss(\"§\")</script>",
    "<script onerror=\"MARK\" src=\"http://127.0.0.1:{{PORT}}/missing-§.js\"></script>",
]:
    add(F, h)

# --- event handler attributes ---------------------------------------------------------
F = "handler"
GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw=="
for h in [
    "<img src=x onerror=\"MARK\">",
    "<IMG SRC=x OnErRoR=\"MARK\">",
    "<img src onerror=\"MARK\">",
    "<img/src=\"x\"/onerror=\"MARK\">",
    "<img src=\"x\"onerror=\"MARK\">",
    "<img src=x\tonerror\t=\t\"MARK\">",
    "<img src=x\nonerror\n=\"MARK\">",
    "<img src=x onerror=&#119;indow.__xss('§')>",
    "<img src=x onerror=\"window&#x2e;__xss&#x28;'§'&#x29;\">",
    "<image src=x onerror=\"MARK\">",
    "<img src=\"" + GIF + "\" onload=\"MARK\">",
    "<img srcset=\",,,,x\" onerror=\"MARK\">",
    "<picture><source srcset=\"x\"><img src=x onerror=\"MARK\"></picture>",
    "<input type=image src=x onerror=\"MARK\">",
    "<audio src=x onerror=\"MARK\"></audio>",
    "<video src=x onerror=\"MARK\"></video>",
    "<video><source src=x onerror=\"MARK\"></video>",
    "<video controls><track src=x onerror=\"MARK\"></video>",
    "<video poster=x onloadstart=\"MARK\" src=x></video>",
    "<object data=x onerror=\"MARK\"></object>",
    "<style onload=\"MARK\"></style>",
    "<body onload=\"MARK\">",
    "<body onpageshow=\"MARK\">",
    "<html onmouseover=\"MARK\">",
    "<svg onload=\"MARK\"></svg>",
    "<svg/onload=\"MARK\">",
    "<svg><g onload=\"MARK\"></g></svg>",
    "<svg><rect width=100% height=100% onmouseover=\"MARK\"/></svg>",
    "<div onmouseover=\"MARK\">Hover over this quotation.</div>",
    "<div ONMOUSEOVER=\"MARK\" style=\"position:fixed;inset:0\">overlay</div>",
    "<span onmouseenter=\"MARK\">aside</span>",
    "<p onclick=\"MARK\">Tap here.</p>",
    "<clearpage-widget onclick=\"MARK\">custom element</clearpage-widget>",
    "<div/onmouseover=\"MARK\">slash separated</div>",
    "<input autofocus onfocus=\"MARK\">",
    "<textarea autofocus onfocus=\"MARK\">draft</textarea>",
    "<select autofocus onfocus=\"MARK\"><option>one</option></select>",
    "<keygen autofocus onfocus=\"MARK\">",
    "<button autofocus onfocus=\"MARK\">Subscribe</button>",
    "<a href=\"#top\" autofocus onfocus=\"MARK\">jump</a>",
    "<div tabindex=0 autofocus onfocusin=\"MARK\">focus me</div>",
    "<clearpage-x tabindex=1 autofocus onfocus=\"MARK\">focus</clearpage-x>",
    "<input autofocus onblur=\"MARK\"><input autofocus>",
    "<style>@keyframes cpk{from{opacity:0}to{opacity:1}}</style><div style=\"animation:cpk 1ms\" onanimationstart=\"MARK\">fade</div>",
    "<div style=\"animation-name:cpk;animation-duration:1ms\" onanimationend=\"MARK\">fade</div>",
    "<div style=\"transition:opacity 1ms\" ontransitionend=\"MARK\" ontransitionrun=\"MARK\">t</div>",
    "<p style=\"content-visibility:auto\" oncontentvisibilityautostatechange=\"MARK\">lazy paragraph</p>",
    "<svg><animate onbegin=\"MARK\" attributeName=x dur=1s></animate></svg>",
    "<svg><set onbegin=\"MARK\" attributeName=x to=1 /></svg>",
    "<svg><animate onend=\"MARK\" attributeName=y dur=1ms fill=freeze /></svg>",
    "<svg><animateTransform onrepeat=\"MARK\" attributeName=transform type=rotate dur=1ms repeatCount=2 /></svg>",
    "<svg><discard onbegin=\"MARK\"/></svg>",
    "<details open ontoggle=\"MARK\"><summary>Details</summary>More text.</details>",
    "<details ontoggle=\"MARK\" open>inner</details>",
    "<div popover id=cpop onbeforetoggle=\"MARK\" ontoggle=\"MARK\">pop</div>",
    "<div onpointerover=\"MARK\">pointer over</div>",
    "<div onpointerdown=\"MARK\">pointer down</div>",
    "<div onpointerenter=\"MARK\">pointer enter</div>",
    "<div onpointermove=\"MARK\" onpointerup=\"MARK\">pointer move</div>",
    "<div onpointerrawupdate=\"MARK\">raw update</div>",
    "<marquee onstart=\"MARK\">breaking news</marquee>",
    "<marquee loop=1 width=1 onfinish=\"MARK\">x</marquee>",
    "<iframe onload=\"MARK\"></iframe>",
    "<embed src=x onload=\"MARK\">",
    "<form onsubmit=\"MARK\"><input type=submit></form>",
    "<div contenteditable onbeforeinput=\"MARK\" oninput=\"MARK\">edit</div>",
    "<div oncopy=\"MARK\" oncut=\"MARK\" onpaste=\"MARK\">copy this</div>",
    "<div ondrag=\"MARK\" draggable=true>drag</div>",
    "<div oncontextmenu=\"MARK\">right click</div>",
    "<div onwheel=\"MARK\" onscroll=\"MARK\" onscrollend=\"MARK\">scroll</div>",
    "<div ontouchstart=\"MARK\">touch</div>",
    "<div onauxclick=\"MARK\" ondblclick=\"MARK\">click</div>",
    "<input type=search onsearch=\"MARK\" onchange=\"MARK\">",
    "<svg><a onmouseover=\"MARK\"><text x=10 y=20>svg link</text></a></svg>",
    "<math><mi onmouseover=\"MARK\">x</mi></math>",
    "<math><maction actiontype=statusline onclick=\"MARK\"><mi>y</mi></maction></math>",
    "<img src=x onerror=MARK>",
    "<img src=\"x\" alt=\"\" onerror=\"MARK\" />",
    "<a href=\"https://example.org/\"onmouseover=\"MARK\">joined attribute</a>",
    "<img \"\"\"><script>MARK</script>\">",
    "<xss onbeforescriptexecute=\"MARK\">old gecko</xss>",
]:
    add(F, h)

# --- dangerous URL schemes in URL-bearing attributes ----------------------------------
F = "url-scheme"
JS = "javascript:MARK"
for h in [
    "<a href=\"javascript:MARK\">plain link</a>",
    "<a href=JaVaScRiPt:MARK>mixed case</a>",
    "<a href=\"  javascript:MARK\">leading spaces</a>",
    "<a href=\" javascript:MARK \">padded</a>",
    "<a href=\"javascript:void(MARK)\">void</a>",
    "<a href=\"javascript:/**/MARK\">comment</a>",
    "<a href=\"javascript://example.org/%0aMARK\">line comment</a>",
    "<a href=\"javascript:%77indow.__xss('§')\">percent body</a>",
    "<a href=\"javascript:MARK\" target=_blank rel=noopener>new tab</a>",
    "<map name=cpm><area shape=rect coords=0,0,10,10 href=\"javascript:MARK\"></map><img usemap=#cpm src=x>",
    "<iframe src=\"javascript:parent.__xss('§')\"></iframe>",
    "<img src=\"javascript:MARK\">",
    "<img srcset=\"javascript:MARK 1x\">",
    "<img srcset=\"https://example.org/a.png 1x, javascript:MARK 2x\">",
    "<picture><source srcset=\"javascript:MARK\"><img src=x></picture>",
    "<img lowsrc=\"javascript:MARK\" dynsrc=\"javascript:MARK\">",
    "<form action=\"javascript:MARK\"><input type=submit value=Send></form>",
    "<form><button formaction=\"javascript:MARK\">Send</button></form>",
    "<form><input type=submit formaction=\"javascript:MARK\" value=go></form>",
    "<button form=cpf1 formaction=\"javascript:MARK\">outside</button><form id=cpf1></form>",
    "<svg><a xlink:href=\"javascript:MARK\"><text x=10 y=20>svg xlink</text></a></svg>",
    "<svg><a href=\"javascript:MARK\"><text x=10 y=20>svg2 href</text></a></svg>",
    "<svg><image href=\"javascript:MARK\" width=1 height=1 /></svg>",
    "<svg><filter><feImage xlink:href=\"javascript:MARK\"/></filter></svg>",
    "<math href=\"javascript:MARK\"><mi>click</mi></math>",
    "<math><mrow xlink:href=\"javascript:MARK\"><mi>x</mi></mrow></math>",
    "<video poster=\"javascript:MARK\"></video>",
    "<table background=\"javascript:MARK\"><tr><td background=\"javascript:MARK\">cell</td></tr></table>",
    "<div background=\"javascript:MARK\">legacy background</div>",
    "<blockquote cite=\"javascript:MARK\">A quoted line.</blockquote>",
    "<q cite=\"javascript:MARK\">short quote</q><del cite=\"javascript:MARK\">old</del><ins cite=\"javascript:MARK\">new</ins>",
    "<object data=\"javascript:MARK\"></object>",
    "<embed src=\"javascript:MARK\">",
    "<a href=\"vbscript:window.__xss(&quot;§&quot;)\">vb</a>",
    "<a href=\"VBScript:window.__xss(&quot;§&quot;)\">vb upper</a>",
    "<img src=\"vbscript:window.__xss(&quot;§&quot;)\">",
    "<a href=\"data:text/html,<script>new Image().src='PING'</script>\">data link</a>",
    "<a href=\"DATA:text/html;charset=utf-8,%3Cscript%3Enew%20Image().src='PING'%3C/script%3E\">data upper</a>",
    "<a href=\"  data:text/html,<img src=x onerror=new Image().src='PING'>\">data spaced</a>",
    "<a href=\"data:text/html;base64," + "B64<<<script>new Image().src='http://127.0.0.1:9/xss/§'</script>>>" + "\">b64</a>",
    "<iframe src=\"data:text/html,<script>new Image().src='PING'</script>\"></iframe>",
    "<object data=\"data:text/html,<script>new Image().src='PING'</script>\"></object>",
    "<embed src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload=&quot;new Image().src='PING'&quot;/>\">",
    "<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='MARK'/>\">",
    "<svg><use href=\"data:image/svg+xml,<svg id='u' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='MARK'/></svg>#u\"/></svg>",
    "<link rel=icon href=\"javascript:MARK\">",
    "<bgsound src=\"javascript:MARK\">",
    "<applet code=Clearpage codebase=\"javascript:MARK\"></applet>",
    "<object><param name=src value=\"javascript:MARK\"></object>",
    "<a href=\"https://example.org/\" ping=\"javascript:MARK\">ping</a>",
    "<img longdesc=\"javascript:MARK\" src=x>",
    "<frameset><frame src=\"javascript:MARK\"></frameset>",
    "<portal src=\"PING\"></portal>",
]:
    add(F, h)

# --- obfuscated schemes: entities, whitespace, control characters ----------------------
F = "obfuscated-scheme"
ent_dec = "".join("&#%d" % ord(c) for c in "javascript:")
ent_hex = "".join("&#x%x;" % ord(c) for c in "javascript:")
for h in [
    "<a href=\"" + ent_dec + "MARK\">decimal no semicolons</a>",
    "<a href=\"" + ent_hex + "MARK\">hex entities</a>",
    "<a href=\"&#0000106&#0000097vascript:MARK\">zero padded</a>",
    "<a href=\"&#x6A;avascript:MARK\">one entity</a>",
    "<a href=\"jav&#97;script:MARK\">middle entity</a>",
    "<a href=\"javascript&colon;MARK\">named colon</a>",
    "<a href=\"javascript&#58;MARK\">numeric colon</a>",
    "<a href=\"javascript&#x3a MARK\">hex colon no semi</a>",
    "<a href=\"&Tab;javascript:MARK\">tab entity</a>",
    "<a href=\"java&NewLine;script:MARK\">newline entity</a>",
    "<a href=\"ja&#x09;va&#x0a;sc&#x0d;ript:MARK\">mixed whitespace entities</a>",
    "<a href=\"java\tscript:MARK\">raw tab</a>",
    "<a href=\"java\nscript:MARK\">raw newline</a>",
    "<a href=\"java\rscript:MARK\">raw CR</a>",
    "<a href=\"javascript\n:MARK\">newline before colon</a>",
    "<a href=\"\u0001\u0002\u0003javascript:MARK\">leading C0 controls</a>",
    "<a href=\"\u0020\u000cjavascript:MARK\">leading form feed</a>",
    "<a href=\"&#x1F;javascript:MARK\">leading unit separator entity</a>",
    "<a href=\"jAvAsCrIpT&#x3A;MARK\">case and entity</a>",
    "<iframe src=\"&#x6A;ava&#x09;script:parent.__xss('§')\"></iframe>",
    "<img src=\"j&#x61;vascript:MARK\" srcset=\"&#x6a;avascript:MARK\">",
    "<form action=\"&#106;avascript:MARK\"><button>go</button></form>",
    "<svg><a xlink:href=\"&#x6a;avascript:MARK\"><text x=1 y=9>a</text></a></svg>",
    "<a href=\"&#x76;bscript:window.__xss(&quot;§&quot;)\">vb entity</a>",
    "<a href=\"&#100;ata:text/html,<script>new Image().src='PING'</script>\">data entity</a>",
    "<a href=\"d&#x0a;ata:text/html,<script>new Image().src='PING'</script>\">data newline</a>",
    "<a href='javascript:MARK'>single quotes</a>",
    "<a href=`javascript:MARK`>backticks</a>",
]:
    add(F, h)

# --- SVG / MathML namespace confusion --------------------------------------------------
F = "namespace-confusion"
for h in [
    "<svg><style><img src=x onerror=\"MARK\"></style></svg>",
    "<svg></p><style><a id=\"</style><img src=x onerror=MARK>\"></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"MARK\"></style></mglyph></table></mtext></math>",
    "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;img src=x onerror=MARK&gt;\"></style></mglyph></table></mtext></math>",
    "<math><mi><mglyph><svg><mtext><style><path id=\"</style><img onerror=MARK src=x>\"></style></mtext></svg></mglyph></mi></math>",
    "<svg><foreignObject><img src=x onerror=\"MARK\"></foreignObject></svg>",
    "<svg><foreignObject><iframe srcdoc=\"&lt;script&gt;parent.__xss('§')&lt;/script&gt;\"></iframe></foreignObject></svg>",
    "<svg><desc><img src=x onerror=\"MARK\"></desc></svg>",
    "<svg><title><style><img src=x onerror=\"MARK\"></style></title></svg>",
    "<math><annotation-xml encoding=\"text/html\"><style><img src=x onerror=MARK></style></annotation-xml></math>",
    "<math><annotation-xml encoding=\"text/html\"><img src=x onerror=\"MARK\"></annotation-xml></math>",
    "<math><annotation-xml encoding=\"application/xhtml+xml\"><svg onload=\"MARK\"></svg></annotation-xml></math>",
    "<svg><![CDATA[><img src=x onerror=MARK>]]></svg>",
    "<svg><p><style><img src=x onerror=\"MARK\"></style></p></svg>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=MARK></style></mglyph></mtext></math></form>",
    "<math><style><img src=x onerror=\"MARK\"></style></math>",
    "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style><img src onerror=MARK>\"></style></mtext></svg></mglyph></h1></mtext></math>",
    "<svg><clearpage><desc><noscript>&lt;/noscript&gt;&lt;img src=x onerror=MARK&gt;</noscript></desc></clearpage></svg>",
    "<svg><a><animate attributeName=href values=\"javascript:MARK\"/><text x=10 y=20>animated link</text></a></svg>",
    "<svg><a><set attributeName=\"xlink:href\" to=\"javascript:MARK\"/><text x=10 y=20>set link</text></a></svg>",
    "<svg><rect width=10 height=10><set attributeName=onmouseover to=\"MARK\"/></rect></svg>",
    "<svg><animate xlink:href=#cpr attributeName=href from=\"javascript:MARK\" to=1 /><a id=cpr><text x=1 y=9>t</text></a></svg>",
    "<math><maction actiontype=toggle xlink:href=\"javascript:MARK\"><mi>a</mi><mi>b</mi></maction></math>",
    "<svg><style>@import 'PING';</style></svg>",
    "<svg><style>&lt;img src=x onerror=MARK&gt;</style></svg>",
    "<table><caption><svg><style><img src=x onerror=MARK></style></svg></caption></table>",
]:
    add(F, h)

# --- frames, objects, plugins ----------------------------------------------------------
F = "embedding"
for h in [
    "<iframe srcdoc=\"<script>parent.__xss('§')</script>\"></iframe>",
    "<iframe srcdoc=\"&lt;img src=x onerror=parent.__xss('§')&gt;\"></iframe>",
    "<iframe srcdoc=\"&#60;script&#62;parent.__xss('§')&#60;/script&#62;\"></iframe>",
    "<iframe sandbox=\"allow-scripts allow-same-origin\" srcdoc=\"<svg onload=parent.__xss('§')>\"></iframe>",
    "<iframe src=\"PING\" width=1 height=1></iframe>",
    "<IFRAME SRC=\"PING\"></IFRAME>",
    "<object data=\"PING\" type=text/html></object>",
    "<object type=\"image/svg+xml\" data=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload=&quot;new Image().src='PING'&quot;/>\"></object>",
    "<embed src=\"PING\" type=text/html>",
    "<embed type=\"image/svg+xml\" src=\"data:image/svg+xml;base64," + "B64<<<svg xmlns='http://www.w3.org/2000/svg' onload='parent.__xss(&quot;§&quot;)'/>>>" + "\">",
    "<applet code=Clearpage archive=\"PING\"></applet>",
    "<frame src=\"PING\">",
    "<fencedframe src=\"PING\"></fencedframe>",
]:
    add(F, h)

# --- document-level elements: meta, base, link -----------------------------------------
F = "meta-base-link"
for h in [
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:MARK\">",
    "<meta http-equiv=Refresh content=\"0; URL='PING'\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=data:text/html,<script>new Image().src='PING'</script>\">",
    "<meta name=description content=x http-equiv=\"refresh\" content=\"0;url=PING\">",
    "<base href=\"javascript:MARK//\"><a href=\"/\">home</a>",
    "<base href=\"http://127.0.0.1:{{PORT}}/xss/§/\"><script src=\"payload.js\"></script><img src=\"pixel.png\">",
    "<link rel=import href=\"PING\">",
    "<link rel=stylesheet href=\"PING\">",
    "<link rel=preload as=script href=\"PING\"><link rel=modulepreload href=\"PING\">",
    "<link rel=stylesheet href=\"javascript:MARK\">",
]:
    add(F, h)

# --- CSS: style elements and style attributes -------------------------------------------
F = "css"
for h in [
    "<style>@import 'PING';</style>",
    "<style>@import url(\"javascript:MARK\");</style>",
    "<style>body{background:url(\"javascript:MARK\")}</style>",
    "<style>p{width:expression(MARK)}</style>",
    "<style>li{list-style-image:url(javascript:MARK)}</style>",
    "<style>*{behavior:url(PING)}</style>",
    "<div style=\"width:expression(MARK)\">wide</div>",
    "<div style=\"background-image:url(javascript:MARK)\">bg</div>",
    "<div style=\"background:url('javascript:MARK')\">bg quoted</div>",
    "<div style=\"x:\\65 xpression(MARK)\">css escape</div>",
    "<div style=\"x:exp/**/ression(MARK)\">css comment</div>",
    "<div style=\"x:EXPRESSION(MARK)\">css upper</div>",
    "<div style=\"background:url(&#106;avascript:MARK)\">entity in style</div>",
    "<div style=\"background:url(java\\script:MARK)\">css escaped scheme</div>",
    "<div style=\"-moz-binding:url('PING#x')\">binding</div>",
    "<div style=\"behavior:url(PING)\">behavior</div>",
    "<p style=\"--cp:url(javascript:MARK)\">custom property</p>",
    "<div style=\"background:url(PING)\">remote background</div>",
    "<STYLE>@im\\port'PING';</STYLE>",
]:
    add(F, h)

# --- mutation XSS: raw-text elements, templates, comments, CDATA, entities --------------
F = "mutation"
for h in [
    "<noscript><p title=\"</noscript><img src=x onerror=MARK>\"></noscript>",
    "<noscript><img src=x onerror=\"MARK\"></noscript>",
    "<noscript><script>MARK</script></noscript>",
    "<noscript><style></noscript><img src=x onerror=\"MARK\"></style></noscript>",
    "<noscript>&lt;img src=x onerror=MARK&gt;</noscript>",
    "<template><img src=x onerror=\"MARK\"></template>",
    "<template><script>MARK</script></template>",
    "<template><noscript><img src=x onerror=MARK></noscript></template>",
    "<template><style></template><img src=x onerror=MARK></style></template>",
    "<div><template shadowrootmode=open><img src=x onerror=\"MARK\"></template></div>",
    "<!--><img src=x onerror=\"MARK\">-->",
    "<!---><img src=x onerror=\"MARK\">-->",
    "<!-- --!><img src=x onerror=\"MARK\"> -->",
    "<!-- a -- b --><img src=x onerror=\"MARK\">",
    "<![CDATA[><img src=x onerror=\"MARK\">]]>",
    "<?xml version=\"1.0\"?><img src=x onerror=\"MARK\">",
    "<!DOCTYPE clearpage><img src=x onerror=\"MARK\">",
    "<noembed><img title=\"</noembed><img src=x onerror=MARK>\"></noembed>",
    "<noframes><img title=\"</noframes><img src=x onerror=MARK>\"></noframes>",
    "<iframe><img title=\"</iframe><img src=x onerror=MARK>\"></iframe>",
    "<textarea><img title=\"</textarea><img src=x onerror=MARK>\"></textarea>",
    "<title><img title=\"</title><img src=x onerror=MARK>\"></title>",
    "<style><img title=\"</style><img src=x onerror=MARK>\"></style>",
    "<xmp><img title=\"</xmp><img src=x onerror=MARK>\"></xmp>",
    "<xmp><img src=x onerror=\"MARK\"></xmp>",
    "<p>&lt;script&gt;MARK&lt;/script&gt;</p>",
    "<p>&amp;lt;img src=x onerror=MARK&amp;gt;</p>",
    "<a href=\"https://example.org/\" title=\"&quot;&gt;&lt;img src=x onerror=MARK&gt;\">attribute text</a>",
    "<table><img src=x onerror=\"MARK\"><tr><td>cell</td></tr></table>",
    "<table><tr><td>cell</td></tr><script>MARK</script></table>",
    "<select><img src=x onerror=\"MARK\"><option>o</option></select>",
    "<select><template><style><!--</style><a rel=\"--></template></select><img src=x onerror=MARK>\"></a></style></template></select>",
    "<div id=\"</div><img src=x onerror=MARK>\">id text</div>",
    "<img alt=\"`\" src=`x`onerror=MARK>",
]:
    add(F, h)

# --- forms and legacy elements ---------------------------------------------------------
F = "form-legacy"
for h in [
    "<isindex type=image src=x onerror=\"MARK\"></isindex>",
    "<isindex action=\"javascript:MARK\"></isindex>",
    "<isindex formaction=\"javascript:MARK\" autofocus onfocus=\"MARK\"></isindex>",
    "<form action=\"PING\" method=post><input name=q autofocus onfocus=\"this.form.submit()\"></form>",
    "<form id=\"cpf\" action=\"https://example.org/\"></form><input form=cpf type=image src=x formaction=\"javascript:MARK\">",
    "<input type=text value=\"\" autofocus onfocus=\"MARK\">",
    "<button onclick=\"MARK\">Read more</button>",
    "<input type=checkbox onchange=\"MARK\" checked>",
    "<textarea>&lt;/textarea&gt;&lt;img src=x onerror=MARK&gt;</textarea>",
    "<a href=\" javascript:MARK\">leading space link</a>",
]:
    add(F, h)


# --- hostile content inside promo blocks (kept, marked, in PromoMode::Show) ------------
F = "promo-block"
for h in [
    "<div class=\"newsletter-signup\"><h3>Get the Valley Ledger newsletter</h3><p>Subscribe for weekly stories from the valley.</p><img src=x onerror=\"MARK\"><form action=\"javascript:MARK\"><input type=email placeholder=\"you@example.org\" onfocus=\"MARK\" autofocus><button formaction=\"javascript:MARK\">Sign up</button></form></div>",
    "<div class=\"share-tools\"><a href=\"javascript:MARK\">Share on social</a> <a href=\"https://example.org/share\" onclick=\"MARK\">Email this story</a></div>",
    "<aside class=\"related-stories\"><h4>Related stories</h4><ul><li><a href=\"javascript:MARK\">Cider makers look ahead</a></li><li><a href=\" java&#x09;script:MARK\">Hedge laying returns</a></li></ul></aside>",
    "<div class=\"advertisement\">Advertisement<iframe srcdoc=\"<script>parent.__xss('\u00a7')</script>\"></iframe><script>MARK</script></div>",
    "<div class=\"subscribe-cta\"><p>Subscribe now and get your first month free.</p><svg onload=\"MARK\"><a xlink:href=\"javascript:MARK\"><text x=1 y=9>Subscribe</text></a></svg></div>",
    "<section class=\"comments\"><h3>Comments</h3><div class=\"comment\" onmouseover=\"MARK\"><p>Great story! <img src=x onerror=\"MARK\"></p></div></section>",
    "<div class=\"author-bio\"><img src=\"javascript:MARK\" alt=\"\"><p>Maren Okafor writes about rural life. <a href=\"vbscript:window.__xss(&quot;\u00a7&quot;)\">Follow her</a></p><style>@import 'PING';</style></div>",
    "<div class=\"newsletter\" style=\"background:url(javascript:MARK)\"><noscript><p title=\"</noscript><img src=x onerror=MARK>\"></noscript><p>Sign up for our newsletter.</p></div>",
]:
    add(F, h)

ids = collections.Counter()
prefix = {"script-tag": "scr", "handler": "on", "url-scheme": "url", "obfuscated-scheme": "obf",
          "namespace-confusion": "ns", "embedding": "emb", "meta-base-link": "doc", "css": "css",
          "mutation": "mx", "form-legacy": "form", "promo-block": "promo"}
out = []
for fam, h in V:
    ids[fam] += 1
    vid = "%s-%03d" % (prefix[fam], ids[fam])
    html = (h.replace("MARK", "window.__xss('§')")
             .replace("PING", "http://127.0.0.1:{{PORT}}/xss/§")
             .replace("§", vid))
    html = re.sub(r"B64<<(.*?)>>(?=\")", lambda m: base64.b64encode(m.group(1).encode()).decode(), html)
    assert "§" not in html and "B64" not in html, html
    assert vid in html or ";base64," in html, vid
    out.append({"id": vid, "family": fam, "html": html})
print(len(out), dict(ids))
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "vectors.json"), "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=True)
    f.write("\n")
