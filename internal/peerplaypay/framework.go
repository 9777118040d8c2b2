package peerplaypay

// DefaultFrameworkID is the ID of the built-in framework.
const DefaultFrameworkID = "default"

// DefaultFramework returns the built-in skills and behaviour framework, at
// version 1: what a team can assess against at once, before writing its own.
// Level 1 is where everyone starts on something new, not a failing mark.
func DefaultFramework() *Framework {
	return &Framework{
		ID:      DefaultFrameworkID,
		Name:    "PeerPlayPay default",
		Version: 1,
		Source:  FrameworkDefault,
		Groups: []FrameworkGroup{
			{ID: "craft", Name: "Craft", Items: []FrameworkItem{
				{ID: "craft.quality", Name: "Quality of work", Description: "The work of your role is sound, finished and cared for.", Levels: []string{
					"I am learning what good work looks like in my role, with help.",
					"My work is sound when the task is familiar; reviews still find things to fix.",
					"My work is reliably sound and finished; others can build on it without checking.",
					"I raise the standard of the team's work: I spot weak points early and show better ways.",
					"I shape what quality means for the team and make it easy for others to reach it.",
				}},
				{ID: "craft.tools", Name: "Tools and methods", Description: "You know the tools and methods of your role and choose well among them.", Levels: []string{
					"I use the basic tools of my role and ask when I get stuck.",
					"I use the common tools on my own and know where to look things up.",
					"I choose the right tool or method for the task and can explain why.",
					"I improve the team's tools and methods and help others adopt them.",
					"I bring in new methods that change how well the whole team works.",
				}},
				{ID: "craft.delivery", Name: "Delivery", Description: "You bring work to done in steps that others can use.", Levels: []string{
					"I finish small, well-defined tasks with guidance.",
					"I finish my tasks on my own and say early when something slips.",
					"I cut larger work into small steps and deliver each one usable.",
					"I help the team deliver steadily: I unblock, slice and keep work flowing.",
					"I set up how the team delivers, so that done work reaches people often and safely.",
				}},
				{ID: "craft.current", Name: "Keeping the craft current", Description: "You keep learning what is new and useful in your field.", Levels: []string{
					"I learn what my current task needs.",
					"I follow a few sources and try new things in my own work now and then.",
					"I keep up with my field on purpose and bring useful ideas to the team.",
					"I help the team decide which new things are worth adopting.",
					"Others in my field learn from what I share and try.",
				}},
			}},
			{ID: "conceptual", Name: "Conceptual thinking", Items: []FrameworkItem{
				{ID: "conceptual.framing", Name: "Framing problems", Description: "You find the real problem before solving it.", Levels: []string{
					"I work on the problem as it was given to me.",
					"I ask questions until I understand what the problem is for.",
					"I restate problems so that the team works on the one that matters.",
					"I help others frame their problems and spot when the team solves the wrong one.",
					"I reframe hard, unclear problems so that the way forward becomes clear to all.",
				}},
				{ID: "conceptual.systems", Name: "Seeing the whole", Description: "You see how the parts and people connect and what a change affects.", Levels: []string{
					"I understand my own part of the work.",
					"I know which neighbouring parts my work touches.",
					"I think through the effects of a change beyond my own part before I make it.",
					"I explain the whole system to others and make trade-offs across its parts.",
					"I change the structure of the system so that the parts work better together.",
				}},
				{ID: "conceptual.simplicity", Name: "Simplifying", Description: "You make things simpler to understand and to change.", Levels: []string{
					"I notice when something feels more complex than it should.",
					"I avoid adding complexity my task does not need.",
					"I remove complexity when I meet it and leave things simpler than I found them.",
					"I help the team see simpler options and choose them.",
					"I find the simple idea behind complex things and the team's work gets lighter for it.",
				}},
			}},
			{ID: "collaboration", Name: "Collaboration", Items: []FrameworkItem{
				{ID: "collaboration.together", Name: "Working together", Description: "You work with others toward the team's goal, not only your own tasks.", Levels: []string{
					"I do my part and join in when I am asked.",
					"I offer help and ask for it when I need it.",
					"I work closely with others: pairing, sharing drafts early, taking on what the team needs.",
					"I bring people together around a shared goal and make joint work easy.",
					"I build a team where working together is the natural way, even across teams.",
				}},
				{ID: "collaboration.feedback", Name: "Giving and taking feedback", Description: "You give honest, kind feedback and welcome it.", Levels: []string{
					"I listen to feedback and try to use it.",
					"I ask for feedback and give it when asked, kindly and concretely.",
					"I give timely, specific feedback unasked and thank people for theirs.",
					"I make feedback safe and usual in the team.",
					"Feedback flows freely around me, in every direction, and people grow from it.",
				}},
				{ID: "collaboration.disagreement", Name: "Working through disagreement", Description: "You turn disagreement into better decisions and keep relations good.", Levels: []string{
					"I tell someone I trust when I disagree.",
					"I say openly and calmly when I disagree and listen to the other view.",
					"I look for what each side needs and help reach a decision we all can carry.",
					"I help others settle their disagreements fairly.",
					"I use disagreement on purpose to find better answers, and trust grows from it.",
				}},
			}},
			{ID: "communication", Name: "Communication", Items: []FrameworkItem{
				{ID: "communication.clarity", Name: "Clear writing and speaking", Description: "What you write and say is understood the first time.", Levels: []string{
					"I can explain my work to someone who knows it.",
					"I explain my work clearly to my team, in writing and aloud.",
					"I adapt what I say to the audience and keep it short and concrete.",
					"I explain complex or difficult things so that everyone can follow and act.",
					"My writing and talks shape how the team thinks and decides.",
				}},
				{ID: "communication.listening", Name: "Listening", Description: "You listen to understand, not to answer.", Levels: []string{
					"I listen when spoken to and ask when I did not follow.",
					"I let others finish and check that I understood them.",
					"I hear what is meant as well as what is said, and people feel heard.",
					"I draw out quiet voices and make room for every view.",
					"People seek me out because they know they will be understood.",
				}},
				{ID: "communication.visible", Name: "Making work visible", Description: "Others know what you do, what blocks you and what comes next.", Levels: []string{
					"I answer when someone asks how my work goes.",
					"I share my progress and blockers in the stand-up every day.",
					"I share early and often, so nobody is surprised by my work.",
					"I help the team keep its work and decisions visible to all who need them.",
					"The team's work is open by habit, and I keep it so as it grows.",
				}},
			}},
			{ID: "self", Name: "Self-leadership", Items: []FrameworkItem{
				{ID: "self.priorities", Name: "Choosing priorities", Description: "You spend your time on what matters most.", Levels: []string{
					"I work on what I am given, in the order I am given it.",
					"I sort my tasks by importance and ask when unsure.",
					"I choose my priorities myself, say no when needed, and explain why.",
					"I help the team choose what matters most and drop what does not.",
					"I keep the team's attention on the few things that matter most, over months.",
				}},
				{ID: "self.ownership", Name: "Ownership", Description: "You take responsibility for results, not only for tasks.", Levels: []string{
					"I take care of the tasks given to me.",
					"I follow my work through to the end and fix my own mistakes.",
					"I own outcomes: I notice what is missing and take it on without being asked.",
					"I take ownership of shared problems that nobody owns.",
					"I create ownership in others by trusting them with real responsibility.",
				}},
				{ID: "self.energy", Name: "Energy and balance", Description: "You look after your energy so that you can keep going well.", Levels: []string{
					"I notice when I am tired or stressed.",
					"I take breaks and rest when I need them.",
					"I plan my days so that my energy lasts, and I say when I am overloaded.",
					"I keep a steady pace under pressure and help others keep theirs.",
					"I model a sustainable pace and help the team make it the norm.",
				}},
				{ID: "self.reflection", Name: "Reflection", Description: "You look back on your work and yourself and learn from it.", Levels: []string{
					"I think about what went well or badly when something stands out.",
					"I reflect on my work regularly and write down what I learn.",
					"I turn reflection into concrete changes in how I work.",
					"I help others reflect and learn from their experience.",
					"Reflection is part of how the team works, and I keep it alive.",
				}},
			}},
			{ID: "values", Name: "Behaviours that follow the values", Items: []FrameworkItem{
				{ID: "values.coaching", Name: "Coaching", Description: "You help others find their own answers and grow.", Behaviour: true, Levels: []string{
					"I share what I know when someone asks.",
					"I explain the why, not only the how, when I help.",
					"I ask questions that help others find the answer themselves.",
					"I coach people regularly and they grow visibly.",
					"I build a culture where everyone coaches and is coached.",
				}},
				{ID: "values.collaboration", Name: "Collaboration over competition", Description: "You make the team win rather than yourself.", Behaviour: true, Levels: []string{
					"I am glad when others succeed.",
					"I share credit and information freely.",
					"I put the team's result before my own visibility.",
					"I turn competition between people or teams into working together.",
					"Others follow my example: the team celebrates shared wins, not heroes.",
				}},
				{ID: "values.experimenting", Name: "Experimenting", Description: "You try new things in small, safe steps and learn from the result.", Behaviour: true, Levels: []string{
					"I am open to trying something new when it is suggested.",
					"I try small new things in my own work.",
					"I run deliberate experiments: a guess, a small test, a look at the result.",
					"I make it safe for the team to experiment and to fail small.",
					"Experimenting is how the team learns, and results are shared openly.",
				}},
				{ID: "values.helping", Name: "Helping", Description: "You notice when someone needs help and offer it.", Behaviour: true, Levels: []string{
					"I help when I am asked.",
					"I offer help when I see someone stuck.",
					"I make time to help, even when my own work is busy.",
					"I make asking for help easy and normal in the team.",
					"Helping is second nature in the team, and I keep it so.",
				}},
			}},
		},
	}
}
