from gpu_runner.models.cli import main

raise SystemExit(main())
