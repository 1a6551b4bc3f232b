"""Categories as readers of one language see them."""


def localized_categories(categories, translations):
    """`categories` in the language of `translations` where translated, each subject once.

    An article translated from another language may still point at the source's categories.
    A category never published (a draft translation) is left out.
    """
    shown, seen = [], set()
    for category in categories:
        category = translations.get(category.translation_key, category)
        if not category.live:
            continue
        if category.translation_key not in seen:
            seen.add(category.translation_key)
            shown.append(category)
    return sorted(shown, key=lambda category: category.name)
