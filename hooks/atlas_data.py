"""Before any page is read: the atlas data's errors, if the catalog did not load.

A helper process loads the catalog while MkDocs configures itself, cleans the site folder
and lists the files (macros.py, atlas.render.ahead.Build). If it failed there, the build
loads the catalog here, which raises the error with its file and line before any page is
read. This is the last event before the pages (at 1,000 families, waiting at
``on_pre_build`` instead cost the build about 0.9 s).

Data errors are reported as MkDocs reports a plugin's errors: the message, without a
Python traceback, which would only bury it.
"""


def on_nav(nav, config, files):
    build = getattr(config.plugins.get("macros"), "atlas_build", None)
    if build is not None:
        from atlas.render.ahead import data_errors  # importable: macros.py, which made the build, put it on the path

        with data_errors():
            build.ready()
    return nav
