from wagtail.snippets.models import register_snippet

from cms.navigation.models import Footer, MainMenu

register_snippet(MainMenu)
register_snippet(Footer)
