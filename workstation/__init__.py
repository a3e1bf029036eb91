"""Counter Workstation (证券营业部前台工作站): the Qt-free core.

Layers: ``workstation.ui`` (Qt) → ``workstation.services`` → ``workstation.sync`` →
``workstation.models`` → the database opened by ``workstation.store``. Printing
(``workstation.printing``) and paperwork definitions (``workstation.forms``) hang off the
services, never off widgets. The picture and where each concept lives: docs/architecture.md.
"""

__version__ = "0.1.0"
